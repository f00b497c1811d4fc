import { MathBN, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { pointsForTotal, refundReversalDelta } from "../../../lib/points-checkout"
import type { EntryRow } from "../../../modules/customer-points"
import type { TimelineEntryInput } from "../../../modules/customer-timeline/types"
import {
  cartIdOfOrder,
  cartRedemptions,
  checkoutOptions,
  earnKey,
  entryByKey,
  leftOf,
  pointsLedger,
  query,
  sumAmounts,
} from "./common"

export type OrderPointsResult = {
  order_id: string
  skipped?: string
  entry_id?: string | null
  points?: number
  /** timeline lines for what this run wrote (empty on a replay) */
  timeline?: TimelineEntryInput[]
}

const fmt = (n: number) => Math.abs(n).toLocaleString("en-US")
const orderLabel = (order: { display_id?: number | null; id: string } | null, id: string) =>
  order?.display_id ? `order #${order.display_id}` : `order ${id}`

async function loadOrder(container: any, orderId: string, fields: string[]) {
  const { data } = await query(container).graph({
    entity: "order",
    fields: ["id", "display_id", "customer_id", "status", "currency_code", ...fields],
    filters: { id: orderId },
  })
  return data[0] ?? null
}

/**
 * Credits floor(order total × pointsPerCurrencyUnit) to an enrolled customer,
 * once per order (idempotency key `earn:order:<id>`). The order total is what
 * the customer pays: a points redemption is an order credit line, so the
 * redeemed value earns nothing. The total is kept on the entry
 * (`metadata.basis_total`) for proportional refund reversals.
 */
export const earnOrderPointsStep = createStep(
  "cbo-points-earn-order",
  async ({ order_id }: { order_id: string }, { container }) => {
    const order = await loadOrder(container, order_id, ["total", "canceled_at"])
    if (!order) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${order_id} not found`)
    }
    const result: OrderPointsResult = { order_id }
    const done = (r: OrderPointsResult, createdEntryId: string | null = null) =>
      new StepResponse<OrderPointsResult, string | null>(r, createdEntryId)
    if (!order.customer_id) return done({ ...result, skipped: "no_customer" })
    if (order.status === "canceled" || order.canceled_at) {
      return done({ ...result, skipped: "canceled" })
    }
    const ledger = pointsLedger(container)
    const key = earnKey(order_id)
    const before = await entryByKey(container, key)
    if (before) {
      return done({ ...result, skipped: "already_earned", entry_id: before.id, points: before.points })
    }
    const account = await ledger.findAccount(order.customer_id)
    if (!account?.enrolled) return done({ ...result, skipped: "not_enrolled" })
    const { pointsPerCurrencyUnit } = checkoutOptions(container)
    const points = pointsForTotal(order.total, pointsPerCurrencyUnit)
    if (points <= 0) return done({ ...result, skipped: "nothing_to_earn" })
    const entry = await ledger.credit({
      customer_id: order.customer_id,
      points,
      kind: "earn",
      reason: `Order #${order.display_id ?? order_id}`,
      actor_type: "system",
      actor_id: null,
      source_type: "order",
      source_id: order_id,
      idempotency_key: key,
      metadata: {
        basis_total: MathBN.convert(order.total).toFixed(),
        currency_code: order.currency_code,
        points_per_currency_unit: pointsPerCurrencyUnit,
      },
    })
    if (entry.replayed) {
      // A concurrent run wrote it first: its run records and compensates it.
      return done({ ...result, skipped: "already_earned", entry_id: entry.id, points: entry.points })
    }
    return done(
      {
        ...result,
        entry_id: entry.id,
        points: entry.points,
        timeline: [
          {
            customer_id: order.customer_id,
            kind: "points.earned",
            summary: `Earned ${fmt(entry.points)} points on ${orderLabel(order, order_id)}`,
            data: { entry_id: entry.id, order_id, points: entry.points, balance: entry.balance_after },
            actor_type: "system",
          },
        ],
      },
      entry.id
    )
  },
  async (entryId: string | null | undefined, { container }) => {
    if (!entryId) return
    await pointsLedger(container).reverse({
      entry_id: entryId,
      reason: "Order points rolled back",
      actor_type: "system",
      idempotency_key: `rollback:${entryId}`,
    })
  }
)

/**
 * Reverses points of a ledger entry for an order event (cancel, refund),
 * once per key: `points` (default: what is left of the entry); the timeline
 * line is written only by the run that reversed.
 */
async function reverseForOrder(
  container: any,
  input: {
    order_id: string
    entry: EntryRow
    key: string
    points?: number
    reason: string
    metadata?: Record<string, unknown>
    kind: "points.reversed" | "points.restored"
    summary: (points: number, orderLabel: string) => string
    /** The order, when the caller has loaded it already. */
    order?: any
  }
): Promise<OrderPointsResult> {
  const { order_id, entry: original, key } = input
  const replay = await entryByKey(container, key)
  const entry = await pointsLedger(container).reverse({
    entry_id: original.id,
    points: input.points ?? leftOf(original),
    reason: input.reason,
    actor_type: "system",
    idempotency_key: key,
    metadata: { ...input.metadata, order_id },
  })
  const order = replay ? null : input.order ?? (await loadOrder(container, order_id, []))
  return {
    order_id,
    entry_id: entry.id,
    points: entry.points,
    timeline: replay
      ? []
      : [
          {
            customer_id: entry.customer_id,
            kind: input.kind,
            summary: input.summary(entry.points, orderLabel(order, order_id)),
            data: { entry_id: entry.id, order_id, points: entry.points, balance: entry.balance_after },
            actor_type: "system",
          },
        ],
  }
}

/**
 * Takes back what a canceled order earned (what refunds have not reversed
 * already). Idempotent: a second run finds nothing left to reverse.
 */
export const reverseCanceledOrderEarningStep = createStep(
  "cbo-points-reverse-canceled-earning",
  async ({ order_id }: { order_id: string }, { container }) => {
    const earn = await entryByKey(container, earnKey(order_id))
    if (!earn || leftOf(earn) <= 0) {
      return new StepResponse<OrderPointsResult>({ order_id, skipped: earn ? "already_reversed" : "nothing_earned" })
    }
    const result = await reverseForOrder(container, {
      order_id,
      entry: earn,
      key: `cancel:order:${order_id}:earn`,
      reason: "Order canceled",
      kind: "points.reversed",
      summary: (points, label) => `${fmt(points)} earned points taken back: ${label} canceled`,
    })
    return new StepResponse<OrderPointsResult>(result)
  }
)

/**
 * Gives a canceled order's redeemed points back to the lots they came from
 * (the redeem entry's allocations). Idempotent per redeem entry.
 */
export const restoreCanceledOrderRedemptionStep = createStep(
  "cbo-points-restore-canceled-redemption",
  async ({ order_id }: { order_id: string }, { container }) => {
    const cartId = await cartIdOfOrder(container, order_id)
    if (!cartId) return new StepResponse<OrderPointsResult[]>([])
    const out: OrderPointsResult[] = []
    for (const redeem of await cartRedemptions(container, cartId)) {
      if (leftOf(redeem) <= 0) continue
      out.push(
        await reverseForOrder(container, {
          order_id,
          entry: redeem,
          key: `cancel:order:${order_id}:redeem:${redeem.id}`,
          reason: "Order canceled: redeemed points returned",
          kind: "points.restored",
          summary: (points, label) => `${fmt(points)} redeemed points given back: ${label} canceled`,
        })
      )
    }
    return new StepResponse(out)
  }
)

/** The order a refunded payment belongs to. */
export async function orderIdOfPayment(container: any, paymentId: string): Promise<string | null> {
  const { data: payments } = await query(container).graph({
    entity: "payment",
    fields: ["id", "payment_collection_id"],
    filters: { id: paymentId },
  })
  const pcId = payments[0]?.payment_collection_id
  if (!pcId) return null
  const { data } = await query(container).graph({
    entity: "order_payment_collection",
    fields: ["order_id", "payment_collection_id"],
    filters: { payment_collection_id: pcId },
  })
  return data[0]?.order_id ?? null
}

/**
 * After a refund: cumulatively, floor(earned × refunded / basis_total) points
 * are reversed; this reverses what is missing. The key carries the refunded
 * total, so a redelivered event (same total) writes nothing.
 */
export const reverseRefundedEarningStep = createStep(
  "cbo-points-reverse-refunded-earning",
  async ({ order_id }: { order_id: string }, { container }) => {
    const earn = await entryByKey(container, earnKey(order_id))
    if (!earn) return new StepResponse<OrderPointsResult>({ order_id, skipped: "nothing_earned" })
    const order = await loadOrder(container, order_id, [
      "payment_collections.payments.refunds.raw_amount",
      "payment_collections.payments.refunds.amount",
    ])
    const refunds = (order?.payment_collections ?? [])
      .flatMap((pc: any) => pc?.payments ?? [])
      .flatMap((p: any) => p?.refunds ?? [])
      .map((r: any) => r?.raw_amount ?? r?.amount)
    const refunded = sumAmounts(refunds)
    const basis = (earn.metadata as Record<string, unknown> | null)?.basis_total ?? "0"
    const delta = refundReversalDelta({
      earned: Number(earn.points),
      refunded,
      basis: basis as string,
      alreadyReversed: Number(earn.reversed ?? 0),
    })
    if (delta <= 0) {
      return new StepResponse<OrderPointsResult>({ order_id, skipped: "up_to_date", entry_id: earn.id })
    }
    const key = `refund:order:${order_id}:${refunded.toFixed()}`
    const refundedText = `${refunded.toFixed()} ${String(order?.currency_code ?? "").toUpperCase()}`
    return new StepResponse<OrderPointsResult>(
      await reverseForOrder(container, {
        order_id,
        entry: earn,
        key,
        points: delta,
        reason: `Order refunded (${refundedText} in total)`,
        metadata: { refunded_total: refunded.toFixed() },
        kind: "points.reversed",
        summary: (points, label) => `${fmt(points)} earned points taken back: ${label} refunded (${refundedText} in total)`,
        order,
      })
    )
  }
)
