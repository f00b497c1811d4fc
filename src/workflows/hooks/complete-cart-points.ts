import { completeCartWorkflow } from "@medusajs/medusa/core-flows"
import { StepResponse } from "@medusajs/framework/workflows-sdk"
import { MathBN, MedusaError } from "@medusajs/framework/utils"
import { isPointsLine } from "../points-checkout/steps/cart-points"
import { cartRedemptions, leftOf, pointsLedger } from "../points-checkout/steps/common"
import { CUSTOMER_TIMELINE_MODULE } from "../../modules/customer-timeline"
import type CustomerTimelineModuleService from "../../modules/customer-timeline/service"
import { refuseInactiveCustomerCart } from "./trade-access-carts"

type Undo = { entry_id: string; timeline_ids: string[] } | null

/**
 * Placing an order consumes the points applied to the cart. This runs in
 * completeCartWorkflow's `validate` hook, under the workflow's cart lock and
 * before the order is created: when the balance no longer covers the points
 * (spent or expired since they were applied) the order is refused with a
 * clear message — the redemption is never silently reduced, because the
 * payment amount was fixed from the cart total. Should a later step of the
 * completion fail, the compensation gives the points back.
 *
 * Idempotency: the debit is keyed on the cart (`redeem:cart:<id>:<n>`, n =
 * earlier redeem entries of the cart, all given back); a cart completed again
 * (Medusa returns the existing order) or a live debit of the same points
 * writes nothing.
 */
completeCartWorkflow.hooks.validate(
  async ({ cart }, { container }) => {
    const c = cart as any
    // an inactive or pending trade account cannot order (the one validate handler Medusa allows)
    if (!c?.completed_at) await refuseInactiveCustomerCart(container, c?.customer?.id ?? c?.customer_id, c?.email)
    const lines = (c?.credit_lines ?? []).filter(isPointsLine)
    if (!lines.length || c.completed_at) return new StepResponse<undefined, Undo>(undefined, null)

    const points = lines.reduce((n: number, l: any) => n + Number(l.metadata?.points ?? 0), 0)
    const customerId: string | null = c.customer?.id ?? c.customer_id ?? null
    const owners = new Set(lines.map((l: any) => l.metadata?.customer_id))
    if (!customerId || owners.size !== 1 || !owners.has(customerId)) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        "The loyalty points on this cart were applied by another customer: remove them and apply your own"
      )
    }
    if (MathBN.lt(c.total ?? 0, 0)) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        "The loyalty points applied are worth more than the cart total: apply fewer points"
      )
    }

    const ledger = pointsLedger(container)
    const earlier = await cartRedemptions(container, c.id)
    const live = earlier.filter((e) => leftOf(e) > 0)
    if (live.length === 1 && -Number(live[0].points) === points && live[0].reversed === 0) {
      return new StepResponse<undefined, Undo>(undefined, null) // already debited for this cart
    }
    for (const e of live) {
      await ledger.reverse({
        entry_id: e.id,
        reason: "Checkout did not complete",
        actor_type: "system",
        idempotency_key: `release:${e.id}`,
      })
    }
    let entry
    try {
      entry = await ledger.debit({
        customer_id: customerId,
        points,
        kind: "redeem",
        reason: "Redeemed at checkout",
        actor_type: "customer",
        actor_id: customerId,
        source_type: "cart",
        source_id: c.id,
        idempotency_key: `redeem:cart:${c.id}:${earlier.length}`,
        metadata: {
          cart_id: c.id,
          amount: MathBN.convert(
            lines.reduce((s: any, l: any) => MathBN.add(s, l.raw_amount ?? l.amount), MathBN.convert(0))
          ).toFixed(),
          currency_code: c.currency_code,
        },
      })
    } catch (e) {
      if ((e as MedusaError)?.type === MedusaError.Types.NOT_ALLOWED) {
        const balance = await ledger.balance(customerId)
        throw new MedusaError(
          MedusaError.Types.NOT_ALLOWED,
          `Not enough loyalty points: this cart uses ${points} points and your balance is ${balance}. Remove or reduce the points to place the order.`
        )
      }
      throw e
    }
    const timeline = container.resolve(CUSTOMER_TIMELINE_MODULE) as CustomerTimelineModuleService
    const amount = (entry.metadata as Record<string, unknown> | null)?.amount
    const written = await timeline.appendEntries([
      {
        customer_id: customerId,
        kind: "points.redeemed",
        summary: `Redeemed ${points.toLocaleString("en-US")} points at checkout (${amount} ${String(c.currency_code).toUpperCase()} off)`,
        data: { entry_id: entry.id, cart_id: c.id, points: entry.points, balance: entry.balance_after },
        actor_type: "customer",
        actor_id: customerId,
      },
    ])
    return new StepResponse<undefined, Undo>(undefined, {
      entry_id: entry.id,
      timeline_ids: written.map((w: { id: string }) => w.id),
    })
  },
  async (undo: Undo | undefined, { container }) => {
    if (!undo) return
    await pointsLedger(container).reverse({
      entry_id: undo.entry_id,
      reason: "Checkout did not complete",
      actor_type: "system",
      idempotency_key: `release:${undo.entry_id}`,
    })
    if (undo.timeline_ids.length) {
      const timeline = container.resolve(CUSTOMER_TIMELINE_MODULE) as CustomerTimelineModuleService
      await timeline.deleteTimelineEntries(undo.timeline_ids)
    }
  }
)
