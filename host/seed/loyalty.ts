import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN } from "@medusajs/framework/utils"
// The plugin as the host loads it (built by `npm run demo` before seeding).
import { pointsForTotal } from "../../.medusa/server/src/lib/points-checkout"
import { checkoutOptions, earnKey } from "../../.medusa/server/src/workflows/points-checkout/steps/common"
import { DAY, firstBy, pick, type DemoCustomer } from "./demo-pick"

/**
 * Loyalty on the demo's real orders, through the plugin's points ledger (so
 * balance = Σ entries = Σ lot remainders holds): buyers enrolled, points earned
 * on each paid order when it was placed (the order's date, so lots from last
 * year are expiring now and older ones have expired), some redeemed on a later
 * order, welcome bonuses for a few enrolled customers who have not bought yet,
 * then the expiry run. Entries carry the same idempotency keys as the live
 * earning, so nothing is earned twice — by a re-run or by the store.
 */
export async function seedLoyalty(container: MedusaContainer, customers: DemoCustomer[], now: Date) {
  const points = container.resolve<any>("customer_points")
  const pg = container.resolve<any>(ContainerRegistrationKeys.PG_CONNECTION)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { pointsPerCurrencyUnit } = checkoutOptions(container as any)
  const byId = new Map(customers.map((c) => [c.id, c]))

  // paid, not canceled orders of the generated customers (the demo's order numbers)
  const { rows } = await pg.raw(
    `select o.id, o.customer_id, o.display_id, o.currency_code, o.created_at
       from "order" o
      where o.deleted_at is null and o.canceled_at is null and o.status <> 'draft'
        and o.metadata->>'demo_order_no' is not null
        and exists (select 1 from order_payment_collection opc
                      join payment_collection pc on pc.id = opc.payment_collection_id and pc.deleted_at is null
                     where opc.order_id = o.id and opc.deleted_at is null and pc.status = 'completed')
      order by o.created_at, o.id`
  )
  const candidates = (rows as any[]).filter((o) => byId.has(o.customer_id))
  const totals = new Map<string, unknown>()
  if (candidates.length) {
    const { data } = await query.graph({
      entity: "order",
      fields: ["id", "total"],
      filters: { id: candidates.map((o) => o.id) },
    })
    for (const o of data as any[]) totals.set(o.id, o.total)
  }
  const orders = candidates
  const buyers = [...new Set(orders.map((o) => o.customer_id as string))]
  const enrolled = new Set(buyers.filter((id) => pick(byId.get(id)!.email, "loyal") < 0.75))
  const newcomers = firstBy(
    customers.filter((c) => c.has_account && !buyers.includes(c.id)),
    "loyal-new",
    40
  )
  for (const c of newcomers) enrolled.add(c.id)
  // the customers with a photo (the demo's fullest customer pages) are members too
  for (const c of firstBy(customers.filter((c) => c.has_account), "photo", 8)) enrolled.add(c.id)
  for (const id of enrolled) await points.enroll(id, true)

  const backdate = async (entryId: string, at: Date) =>
    pg("points_entry").where("id", entryId).update({ created_at: at, updated_at: at })

  let earned = 0
  let redeemed = 0
  const lastOrderOf = new Map<string, any>()
  const spendable = new Map<string, number>()
  for (const o of orders) {
    if (!enrolled.has(o.customer_id)) continue
    const at = new Date(o.created_at)
    const previous = lastOrderOf.get(o.customer_id)
    lastOrderOf.set(o.customer_id, o)
    // a redemption on some repeat orders: part of the balance spent at checkout
    if (previous && pick(`${o.id}`, "redeem") < 0.6) {
      // Decided from this customer's earlier orders alone (points still valid today), never from the
      // live balance, so a re-run decides the same; the ledger refuses more than the valid lots hold.
      const spend = Math.floor(((spendable.get(o.customer_id) ?? 0) * 0.5) / 50) * 50
      if (spend >= 100) {
        const entry = await points.debit({
          customer_id: o.customer_id,
          points: spend,
          kind: "redeem",
          reason: `Redeemed on order #${o.display_id}`,
          actor_type: "customer",
          actor_id: o.customer_id,
          source_type: "order",
          source_id: o.id,
          idempotency_key: `demo:redeem:order:${o.id}`,
        })
        spendable.set(o.customer_id, (spendable.get(o.customer_id) ?? 0) - spend)
        if (!entry.replayed) {
          await backdate(entry.id, at)
          redeemed++
        }
      }
    }
    const total = totals.get(o.id)
    const pts = pointsForTotal(total as any, pointsPerCurrencyUnit)
    if (pts <= 0) continue
    if (now.getTime() - at.getTime() < 365 * DAY) spendable.set(o.customer_id, (spendable.get(o.customer_id) ?? 0) + pts)
    const entry = await points.credit({
      customer_id: o.customer_id,
      points: pts,
      kind: "earn",
      reason: `Order #${o.display_id}`,
      actor_type: "system",
      source_type: "order",
      source_id: o.id,
      idempotency_key: earnKey(o.id),
      earned_at: at,
      metadata: {
        basis_total: MathBN.convert(total as any).toFixed(),
        currency_code: o.currency_code,
        points_per_currency_unit: pointsPerCurrencyUnit,
      },
    })
    if (!entry.replayed) {
      await backdate(entry.id, new Date(at.getTime() + 60_000))
      earned++
    }
  }

  let bonuses = 0
  for (const [i, c] of newcomers.entries()) {
    // the first few joined almost a year ago and have not spent it: their points expire within the month
    // and two joined over a year ago and never came back: theirs have expired
    const daysAgo = i < 6 ? 340 + i * 3 : i < 8 ? 400 + i * 10 : 5 + i * 7
    const at = new Date(now.getTime() - daysAgo * DAY)
    const entry = await points.credit({
      customer_id: c.id,
      points: 250,
      kind: "manual_add",
      reason: "Welcome bonus for joining the loyalty club",
      actor_type: "system",
      idempotency_key: `demo:welcome:${c.id}`,
      earned_at: at,
    })
    if (!entry.replayed) {
      await backdate(entry.id, at)
      bonuses++
    }
  }

  // what the daily expiry job would have done by now
  const expired = await points.expireDue(now)
  return {
    enrolled: enrolled.size,
    earned,
    redeemed,
    bonuses,
    expired: expired?.points ?? 0,
  }
}
