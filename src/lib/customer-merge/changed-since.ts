import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { mergeKey } from "./points"

/** Rows of the primary created after the merge: they stay with the primary when the merge is undone. */
const SINCE: { table: string; label: string; extra?: string }[] = [
  { table: "order", label: "orders" },
  { table: "cart", label: "carts" },
  { table: "customer_address", label: "addresses" },
  { table: "customer_note", label: "notes" },
  { table: "points_entry", label: "points entries", extra: "and idempotency_key not like ?" },
  { table: "house_account_entry", label: "house-account entries" },
  { table: "trade_application", label: "trade applications" },
]

export type ChangedSince = { table: string; label: string; rows: number; ids: string[] }[]

export async function changedSince(
  db: Knex | Knex.Transaction,
  primary: string,
  since: Date,
  mergeId: string
): Promise<ChangedSince> {
  const out: ChangedSince = []
  for (const s of SINCE) {
    const bindings: any[] = [primary, since]
    if (s.extra) bindings.push(`${mergeKey(mergeId)}%`)
    const { rows } = await db.raw(
      `select id from "${s.table}" where customer_id = ? and created_at > ? and deleted_at is null ${s.extra ?? ""}
        order by created_at limit 1000`,
      bindings
    )
    if (rows.length) out.push({ table: s.table, label: s.label, rows: rows.length, ids: rows.slice(0, 20).map((r: { id: string }) => r.id) })
  }
  return out
}
