import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { CUSTOMER_DATA_TABLES, customerDataTable, reachesOf, type CustomerDataTable } from "../customer-data"
import { q, tableExists } from "./ops"

/**
 * A checksum of every registry table's rows that belong to some customers
 * (reached directly, through a link, a JSON path or a parent table), used to
 * prove that undoing a merge puts everything back: equal before the merge
 * and after its undo.
 *
 * Left out, as what a merge adds on purpose and keeps as history: the merge
 * records, the merge's own ledger lines (idempotency keys `merge:…`, their
 * lots and allocations), a points account the merge opened for a primary
 * that had none (not enrolled, holding nothing but the merge's lines: after
 * the undo its balance is 0 again) and timeline entries (customer.merged /
 * customer.merge_undone), `updated_at` (it tells when, not what) and the
 * points account's `next_expiry_at` (a cached lower bound of the next lot
 * expiry, allowed to be earlier than the lots say: the ledger re-reads it).
 * Tables reached only by a text search inside JSON (stored workflow runs,
 * the search index) are not checked.
 */
const EXTRA_WHERE: Record<string, string> = {
  customer_merge: "false",
  timeline_entry: `t.kind not in ('customer.merged', 'customer.merge_undone')`,
  points_entry: `t.idempotency_key not like 'merge:%'`,
  points_lot: `t.entry_id not in (select id from points_entry where idempotency_key like 'merge:%')`,
  points_allocation: `t.entry_id not in (select id from points_entry where idempotency_key like 'merge:%')`,
  points_account: `(t.enrolled
    or not exists (select 1 from points_entry e where e.account_id = t.id)
    or exists (select 1 from points_entry e where e.account_id = t.id and e.idempotency_key not like 'merge:%'))`,
}

const VOLATILE: Record<string, string[]> = { points_account: ["next_expiry_at"] }

const lit = (ids: string[]) => `array[${ids.map((i) => `'${i.replace(/'/g, "''")}'`).join(",")}]::text[]`

function reachSql(t: CustomerDataTable, alias: string, ids: string, seen: string[]): string | null {
  if (seen.includes(t.table)) return null
  const parts = reachesOf(t).flatMap((r): string[] => {
    if ("via" in r) return [`${alias}.id in (select ${q(r.column)} from ${q(r.via)} where customer_id = any(${ids}))`]
    if ("join" in r) {
      const parent = customerDataTable(r.join)
      if (!parent) return []
      const p = `${alias}_p`
      const inner = reachSql(parent, p, ids, [...seen, t.table])
      if (!inner) return []
      const on = r.on.map(([a, b]) => `${alias}.${q(a)} = ${p}.${q(b)}`).join(" or ")
      return [`exists (select 1 from ${q(r.join)} ${p} where (${on}) and (${inner}))`]
    }
    if ("json" in r) return [`${alias}.${q(r.json)} #>> '{${r.path.join(",")}}' = any(${ids})`]
    if ("value" in r) return [`${alias}.${q(r.value)} = any(${ids})`]
    if ("column" in r) return [`${alias}.${q(r.column)} = any(${ids})`]
    return []
  })
  return parts.length ? parts.map((x) => `(${x})`).join(" or ") : null
}

export type Checksum = Record<string, { rows: number; md5: string }>

export async function customerDataChecksum(db: Knex | Knex.Transaction, customerIds: string[]): Promise<Checksum> {
  const ids = lit(customerIds)
  const out: Checksum = {}
  for (const t of CUSTOMER_DATA_TABLES) {
    const where = reachSql(t, "t", ids, [])
    if (!where || !(await tableExists(db, t.table))) continue
    const extra = EXTRA_WHERE[t.table] ? ` and ${EXTRA_WHERE[t.table]}` : ""
    const { rows } = await db.raw(
      `select count(*)::int as n, md5(coalesce(string_agg(x, '|' order by x), '')) as md5
         from (select (to_jsonb(t.*) - 'updated_at'${(VOLATILE[t.table] ?? []).map((c) => ` - '${c}'`).join("")})::text as x from ${q(t.table)} t where (${where})${extra}) s`
    )
    out[t.table] = { rows: rows[0].n, md5: rows[0].md5 }
  }
  return out
}
