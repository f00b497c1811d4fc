import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { CustomerDataTable } from "../customer-data"
import { q, type CustomerRows, type TableColumns } from "./places"

/** The non-deliverable address (RFC 2606 `.invalid`) a forgotten customer's email becomes: unique per customer. */
export function placeholderEmail(customerId: string) {
  return `forgotten-${customerId.toLowerCase()}@forgotten.invalid`
}

/** What the erasure did in one table (no values, only counts). */
export type PlaceResult = {
  table: string
  rule: CustomerDataTable["forget"]
  rows: number
  columns: string[]
}

/** Columns kept on records that stay (the country of an order's address is needed for tax). */
const KEPT_COLUMNS = new Set(["country_code"])
const JSON_TYPES = new Set(["json", "jsonb"])
const TEXT_TYPES = new Set(["text", "character varying", "character"])

/**
 * The SET clause that clears a row's personal columns: emails become the
 * placeholder, other values NULL, or where the column is NOT NULL an empty
 * JSON object / a per-row "forgotten-<id>" text (unique indexes stay happy).
 */
function clearing(decl: CustomerDataTable, columns: TableColumns, customerId: string) {
  const cols = columns.get(decl.table)!
  const sets: string[] = []
  const bindings: any[] = []
  const cleared: string[] = []
  for (const [c, kind] of Object.entries(decl.personal)) {
    const type = cols.get(c)
    if (!type || KEPT_COLUMNS.has(c)) continue
    if (kind === "email") {
      sets.push(`${q(c)} = ?`)
      bindings.push(placeholderEmail(customerId))
    } else if (decl.table === "promotion_campaign_budget_usage" && c === "attribute_value") {
      // the usage count stays right; the value matches no one any more
      sets.push(`${q(c)} = 'forgotten:' || "id"`)
    } else if (type.nullable) {
      sets.push(`${q(c)} = NULL`)
    } else if (JSON_TYPES.has(type.data_type)) {
      sets.push(`${q(c)} = '{}'`)
    } else if (TEXT_TYPES.has(type.data_type)) {
      sets.push(cols.has("id") ? `${q(c)} = 'forgotten-' || "id"` : `${q(c)} = 'forgotten'`)
    } else {
      continue
    }
    cleared.push(c)
  }
  if (decl.table === "customer" && cols.has("has_account")) sets.push(`"has_account" = false`)
  return { sets, bindings, cleared }
}

/** Tables whose rows other rows point at go last (children first), so foreign keys hold. */
function deleteOrder(found: CustomerRows[]): CustomerRows[] {
  const depth = (t: CustomerDataTable): number =>
    Math.max(0, ...(Array.isArray(t.reach) ? t.reach : [t.reach]).map((r) => ("join" in r || "via" in r ? 1 : 0)))
  return [...found].sort((a, b) => depth(b.decl) - depth(a.decl))
}

/**
 * Applies every declaration's forget rule to the customer's rows found
 * before (ids collected before anything changed, so children are found
 * through parents deleted in the same pass). One transaction: all or nothing.
 * A house account is only cleared when no other customer shares it.
 */
export async function eraseRows(
  knex: Knex,
  customerId: string,
  found: CustomerRows[],
  columns: TableColumns
): Promise<PlaceResult[]> {
  const results: PlaceResult[] = []
  await knex.transaction(async (trx) => {
    const where = (r: CustomerRows) =>
      columns.get(r.decl.table)!.has("id")
        ? { sql: `t."id" = ANY(?)`, bindings: [r.ids] as any[] }
        : { sql: r.condition.sql, bindings: r.condition.bindings }
    const updates = found.filter((r) => r.decl.forget !== "delete")
    for (const r of updates) {
      if (columns.get(r.decl.table)!.has("id") && !r.ids.length) continue
      let ids = r.ids
      if (r.decl.table === "house_account") {
        const { rows } = await trx.raw(
          `SELECT a.id FROM house_account a WHERE a.id = ANY(?) AND NOT EXISTS (
             SELECT 1 FROM house_account_customer hc WHERE hc.account_id = a.id AND hc.customer_id <> ? AND hc.deleted_at IS NULL)`,
          [ids, customerId]
        )
        ids = (rows as { id: string }[]).map((x) => x.id)
        if (!ids.length) continue
      }
      const { sets, bindings, cleared } = clearing(r.decl, columns, customerId)
      if (!sets.length) {
        results.push({ table: r.decl.table, rule: r.decl.forget, rows: r.ids.length, columns: [] })
        continue
      }
      const w = r.decl.table === "house_account" ? { sql: `t."id" = ANY(?)`, bindings: [ids] } : where(r)
      const res = await trx.raw(
        `UPDATE ${q(r.decl.table)} AS t SET ${sets.join(", ")} WHERE ${w.sql}`,
        [...bindings, ...w.bindings]
      )
      results.push({ table: r.decl.table, rule: r.decl.forget, rows: res.rowCount ?? ids.length, columns: cleared })
    }
    // deletes: retry tables a foreign key still holds until no table makes progress
    let pending = deleteOrder(found.filter((r) => r.decl.forget === "delete"))
    while (pending.length) {
      const next: CustomerRows[] = []
      let lastError: unknown = null
      for (const r of pending) {
        if (columns.get(r.decl.table)!.has("id") && !r.ids.length) {
          results.push({ table: r.decl.table, rule: "delete", rows: 0, columns: [] })
          continue
        }
        const w = where(r)
        await trx.raw("SAVEPOINT gdpr_delete")
        try {
          const res = await trx.raw(`DELETE FROM ${q(r.decl.table)} AS t WHERE ${w.sql}`, w.bindings)
          await trx.raw("RELEASE SAVEPOINT gdpr_delete")
          results.push({ table: r.decl.table, rule: "delete", rows: res.rowCount ?? r.ids.length, columns: [] })
        } catch (e) {
          await trx.raw("ROLLBACK TO SAVEPOINT gdpr_delete")
          if ((e as { code?: string }).code !== "23503") throw e
          lastError = e
          next.push(r)
        }
      }
      if (next.length === pending.length) throw lastError
      pending = next
    }
  })
  return results.sort((a, b) => a.table.localeCompare(b.table))
}
