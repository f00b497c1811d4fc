import type { CustomerDataTable, NotCustomerData, Reach } from "../../types/customer-data"
import { looksPersonal } from "./columns"

/** One column of a table, as read from the database or a model. */
export type ColumnInfo = { table: string; column: string; json: boolean }

function reachColumns(r: Reach): string[] {
  if ("join" in r) return r.on.map(([own]) => own)
  if ("via" in r) return []
  if ("column" in r) return [r.column]
  if ("json" in r) return [r.json]
  if ("value" in r) return [r.value]
  return r.search
}

/** Every column a declaration names (personal, not personal, or in a reach). */
export function declaredColumns(t: CustomerDataTable): string[] {
  const reaches = Array.isArray(t.reach) ? t.reach : [t.reach]
  return [
    ...new Set([
      ...Object.keys(t.personal),
      ...Object.keys(t.notPersonal ?? {}),
      ...reaches.flatMap(reachColumns),
    ]),
  ]
}

/**
 * `table.column` of every column the registry does not account for:
 * - in a table neither declared nor listed as not customer data: each
 *   column that looks personal (customer ids, emails, phones, addresses,
 *   names, metadata);
 * - in a declared table: each such column, and each JSON column (except
 *   Medusa's `raw_*` amounts), that the declaration does not name.
 */
export function unregisteredColumns(
  columns: ColumnInfo[],
  tables: readonly CustomerDataTable[],
  excluded: readonly NotCustomerData[]
): string[] {
  const declared = new Map(tables.map((t) => [t.table, new Set(declaredColumns(t))]))
  const skip = new Set(excluded.flatMap((g) => g.tables))
  return columns
    .filter(({ table, column, json }) => {
      if (skip.has(table)) return false
      const named = declared.get(table)
      if (!named) return looksPersonal(column)
      const mustName = looksPersonal(column) || (json && !column.startsWith("raw_"))
      return mustName && !named.has(column)
    })
    .map(({ table, column }) => `${table}.${column}`)
    .sort()
}

/**
 * What the registry names that the database does not have: declared tables
 * (other than optional ones) that are missing, declared columns missing
 * from an existing table, and excluded tables that do not exist.
 */
export function missingFromDatabase(
  columns: ColumnInfo[],
  tables: readonly CustomerDataTable[],
  excluded: readonly NotCustomerData[]
): string[] {
  const existing = new Map<string, Set<string>>()
  for (const { table, column } of columns) {
    if (!existing.has(table)) existing.set(table, new Set())
    existing.get(table)!.add(column)
  }
  const missing: string[] = []
  for (const t of tables) {
    const cols = existing.get(t.table)
    if (!cols) {
      if (!t.optional) missing.push(t.table)
      continue
    }
    for (const c of declaredColumns(t)) if (!cols.has(c)) missing.push(`${t.table}.${c}`)
    const reaches = Array.isArray(t.reach) ? t.reach : [t.reach]
    for (const r of reaches) {
      if ("join" in r && existing.has(r.join)) {
        for (const [, theirs] of r.on) {
          if (!existing.get(r.join)!.has(theirs)) missing.push(`${r.join}.${theirs} (join from ${t.table})`)
        }
      }
      if ("via" in r && existing.has(r.via)) {
        for (const c of [r.column, "customer_id"]) {
          if (!existing.get(r.via)!.has(c)) missing.push(`${r.via}.${c} (via from ${t.table})`)
        }
      }
    }
  }
  for (const g of excluded) for (const t of g.tables) if (!existing.has(t)) missing.push(`${t} (not customer data)`)
  return missing.sort()
}
