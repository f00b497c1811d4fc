import type { EntryRow } from "../../../modules/customer-points"
import { cartIdOfOrder, earnKey, pointsLedger, query } from "./common"

const view = (e: EntryRow) => ({
  id: e.id,
  kind: e.kind,
  points: Number(e.points),
  reason: e.reason,
  reverses_entry_id: e.reverses_entry_id,
  created_at: e.created_at,
})

/**
 * Points of one order (read only): the earning (`source order`) and the
 * redemption made when its cart was completed (`source cart`), each with its
 * reversals. Null when the order does not exist.
 */
export async function orderPointsSummary(container: any, orderId: string) {
  const { data } = await query(container).graph({
    entity: "order",
    fields: ["id", "customer_id"],
    filters: { id: orderId },
  })
  const order = data[0]
  if (!order) return null
  const ledger = pointsLedger(container)
  const cartId = await cartIdOfOrder(container, orderId)
  const byOrder = (await ledger.listPointsEntries(
    { source_type: "order", source_id: orderId },
    { order: { created_at: "ASC", id: "ASC" } }
  )) as unknown as EntryRow[]
  const byCart = cartId
    ? ((await ledger.listPointsEntries(
        { source_type: "cart", source_id: cartId },
        { order: { created_at: "ASC", id: "ASC" } }
      )) as unknown as EntryRow[])
    : []
  const earn = byOrder.find((e) => e.idempotency_key === earnKey(orderId)) ?? null
  const earnReversals = earn ? byOrder.filter((e) => e.reverses_entry_id === earn.id) : []
  const redeems = byCart.filter((e) => e.kind === "redeem")
  const redeemIds = new Set(redeems.map((e) => e.id))
  const redeemReversals = byCart.filter((e) => e.reverses_entry_id && redeemIds.has(e.reverses_entry_id))
  // a redemption released because checkout failed is not the order's
  const kept = redeems.filter(
    (r) => !redeemReversals.some((x) => x.reverses_entry_id === r.id && x.idempotency_key.startsWith("release:"))
  )
  const keptIds = new Set(kept.map((e) => e.id))
  const restored = redeemReversals.filter((x) => keptIds.has(x.reverses_entry_id!))
  const sum = (es: EntryRow[]) => es.reduce((n, e) => n + Math.abs(Number(e.points)), 0)
  return {
    order_id: orderId,
    customer_id: order.customer_id ?? null,
    earned: earn ? Number(earn.points) : 0,
    earned_reversed: sum(earnReversals),
    redeemed: sum(kept),
    redeemed_restored: sum(restored),
    point_value: ledger.options.pointValue,
    entries: [...(earn ? [earn] : []), ...earnReversals, ...kept, ...restored]
      .sort((a, b) => +new Date(a.created_at) - +new Date(b.created_at))
      .map(view),
  }
}
