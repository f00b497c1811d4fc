import type { Knex } from "@medusajs/framework/mikro-orm/knex"

/** Which of `ids` are live (not removed) customers, and which do not exist or are removed. */
export async function splitLiveCustomers(knex: Knex, ids: string[]) {
  const unique = [...new Set(ids)]
  const rows: { id: string }[] = await knex
    .from("customer")
    .whereIn("id", unique)
    .whereNull("deleted_at")
    .select("id")
  const live = new Set(rows.map((r) => r.id))
  return { live: unique.filter((id) => live.has(id)), missing: unique.filter((id) => !live.has(id)) }
}

/** Which of `ids` are removed (soft-deleted) customers. */
export async function splitRemovedCustomers(knex: Knex, ids: string[]) {
  const unique = [...new Set(ids)]
  const rows: { id: string }[] = await knex
    .from("customer")
    .whereIn("id", unique)
    .whereNotNull("deleted_at")
    .select("id")
  const removed = new Set(rows.map((r) => r.id))
  return {
    removed: unique.filter((id) => removed.has(id)),
    missing: unique.filter((id) => !removed.has(id)),
  }
}

/**
 * For the delete confirmation: how many of the live customers among `ids`
 * have orders ("sales activity"). Draft orders do not count.
 */
export async function previewRemoval(knex: Knex, ids: string[]) {
  const { live, missing } = await splitLiveCustomers(knex, ids)
  if (!live.length) return { count: 0, with_orders: 0, not_found: missing }
  const rows: { n: string }[] = await knex
    .from("order as o")
    .whereIn("o.customer_id", live)
    .whereNull("o.deleted_at")
    .where("o.is_draft_order", false)
    .countDistinct({ n: "o.customer_id" })
  return { count: live.length, with_orders: Number(rows[0]?.n ?? 0), not_found: missing }
}

export type RestoreConflict = {
  id: string
  email: string
  has_account: boolean
  /** The live customer now using this email, or null when two customers of the batch share it. */
  conflicting_customer_id: string | null
}

/**
 * Medusa allows one live customer per (email, has_account). Restoring a
 * customer whose email is now used by a live customer of the same kind — or
 * two customers of the batch sharing one — would break that rule.
 */
export async function findRestoreConflicts(
  knex: Knex,
  ids: string[]
): Promise<RestoreConflict[]> {
  const unique = [...new Set(ids)]
  const rows: { id: string; email: string; has_account: boolean }[] = await knex
    .from("customer")
    .whereIn("id", unique)
    .whereNotNull("deleted_at")
    .whereNotNull("email")
    .select("id", "email", "has_account")
  if (!rows.length) return []
  const live: { id: string; email: string; has_account: boolean }[] = await knex
    .from("customer")
    .whereNull("deleted_at")
    .whereIn(
      "email",
      rows.map((r) => r.email)
    )
    .select("id", "email", "has_account")
  const key = (r: { email: string; has_account: boolean }) => `${r.has_account}|${r.email}`
  const liveByKey = new Map(live.map((r) => [key(r), r.id]))
  const seen = new Map<string, string>()
  const conflicts: RestoreConflict[] = []
  for (const r of rows) {
    const k = key(r)
    const liveId = liveByKey.get(k)
    if (liveId) {
      conflicts.push({ ...r, conflicting_customer_id: liveId })
    } else if (seen.has(k)) {
      conflicts.push({ ...r, conflicting_customer_id: null })
    } else {
      seen.set(k, r.id)
    }
  }
  return conflicts
}

export function restoreConflictMessage(conflicts: RestoreConflict[]): string {
  const list = conflicts
    .slice(0, 5)
    .map((c) =>
      c.conflicting_customer_id
        ? `${c.email} is now used by another ${c.has_account ? "registered" : "guest or in-store"} customer`
        : `${c.email} appears twice in the selection`
    )
    .join("; ")
  const more = conflicts.length > 5 ? ` (and ${conflicts.length - 5} more)` : ""
  return `Nothing was restored: ${list}${more}. Change or remove the other customer's email first, or restore these customers separately.`
}
