import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type CustomerPointsModuleService from "../../modules/customer-points/service"
import type { PointsTransfer } from "./ops"

const DAY_MS = 24 * 60 * 60 * 1000

/** The idempotency keys of a merge's ledger lines start with this (the checksum leaves them out). */
export const mergeKey = (mergeId: string) => `merge:${mergeId}:`

/**
 * Moves a secondary's points to the primary through the ledger: one debit of
 * the secondary's unexpired points, then one credit on the primary per
 * expiry date, earned so that each new lot expires when the old one did.
 */
export async function transferPoints(
  db: Knex,
  points: CustomerPointsModuleService,
  input: { merge_id: string; primary: string; secondary: string; actor_id: string | null }
): Promise<PointsTransfer> {
  const key = mergeKey(input.merge_id) + input.secondary
  const { rows } = await db.raw(
    `select expires_at, sum(remaining)::int as points from points_lot
      where customer_id = ? and remaining > 0 and expires_at > now() and deleted_at is null
      group by expires_at order by expires_at`,
    [input.secondary]
  )
  const total = rows.reduce((s: number, r: { points: number }) => s + Number(r.points), 0)
  const out: PointsTransfer = { secondary_id: input.secondary, points: total, debit_entry_id: null, credit_entry_ids: [] }
  if (!total) return out
  const meta = { merge_id: input.merge_id, from_customer_id: input.secondary, to_customer_id: input.primary }
  const debit = await points.debit({
    customer_id: input.secondary,
    points: total,
    kind: "manual_remove",
    reason: `Merged into ${input.primary}`,
    actor_type: "user",
    actor_id: input.actor_id,
    source_type: "customer_merge",
    source_id: input.merge_id,
    idempotency_key: `${key}:out`,
    metadata: meta,
  })
  out.debit_entry_id = debit.id
  const expiryDays = points.options.pointsExpiryDays
  for (const r of rows) {
    const expires = new Date(r.expires_at)
    const credit = await points.credit({
      customer_id: input.primary,
      points: Number(r.points),
      kind: "manual_add",
      reason: `Merged from ${input.secondary}`,
      actor_type: "user",
      actor_id: input.actor_id,
      source_type: "customer_merge",
      source_id: input.merge_id,
      idempotency_key: `${key}:in:${expires.toISOString()}`,
      earned_at: new Date(expires.getTime() - expiryDays * DAY_MS),
      metadata: meta,
    })
    out.credit_entry_ids.push(credit.id)
  }
  return out
}

/**
 * Reverses a transfer: the primary's credits first (what the primary spent
 * since is recorded as the reversal's shortfall), then the secondary's debit,
 * which gives the points back to the very lots it took them from.
 */
export async function reverseTransfer(
  points: CustomerPointsModuleService,
  t: PointsTransfer,
  mergeId: string,
  actorId: string | null
): Promise<{ shortfall: number }> {
  let shortfall = 0
  for (const id of t.credit_entry_ids) {
    const r = await points.reverse({
      entry_id: id,
      reason: "Merge undone",
      actor_type: "user",
      actor_id: actorId,
      idempotency_key: `${mergeKey(mergeId)}undo:${id}`,
    })
    shortfall += Number((r.metadata as { shortfall?: number } | null)?.shortfall ?? 0)
  }
  if (t.debit_entry_id) {
    await points.reverse({
      entry_id: t.debit_entry_id,
      reason: "Merge undone",
      actor_type: "user",
      actor_id: actorId,
      idempotency_key: `${mergeKey(mergeId)}undo:${t.debit_entry_id}`,
    })
  }
  return { shortfall }
}
