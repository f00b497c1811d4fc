import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import {
  CUSTOMER_DATA_TABLES,
  customerDataTable,
  reachesOf,
  type CustomerDataTable,
  type Reach,
} from "../customer-data"

/**
 * Finds a customer's rows in every table of the customer-data registry
 * (src/lib/customer-data), following each declaration's reaches: a customer
 * id column, a link table, a parent table, a JSON path, a value holding the
 * id or email, or a search inside JSON columns. Soft-deleted rows count: they
 * still hold the data.
 */

export type ColumnType = { data_type: string; udt_name: string; nullable: boolean }
export type TableColumns = Map<string, Map<string, ColumnType>>

/** Every column of every table of the current schema (one query). */
export async function loadColumns(knex: Knex): Promise<TableColumns> {
  const { rows } = await knex.raw(
    `SELECT table_name, column_name, data_type, udt_name, is_nullable
       FROM information_schema.columns
      WHERE table_schema = current_schema()
      ORDER BY table_name, ordinal_position`
  )
  const out: TableColumns = new Map()
  for (const r of rows as any[]) {
    if (!out.has(r.table_name)) out.set(r.table_name, new Map())
    out.get(r.table_name)!.set(r.column_name, {
      data_type: r.data_type,
      udt_name: r.udt_name,
      nullable: r.is_nullable === "YES",
    })
  }
  return out
}

export const q = (ident: string) => `"${ident.replace(/"/g, '""')}"`

/** Escapes a value for LIKE/ILIKE with the default escape character. */
export const likeEscape = (v: string) => v.replace(/[\\%_]/g, (c) => `\\${c}`)

export type Who = { id: string; emails: string[] }

type Sql = { sql: string; bindings: any[] }

/**
 * `WHERE` condition (with bindings) selecting the customer's rows of a
 * declared table, or null when the table or a column it needs is missing.
 */
export function rowCondition(
  table: string,
  who: Who,
  columns: TableColumns,
  alias = "t",
  seen: string[] = []
): Sql | null {
  const decl = customerDataTable(table)
  const cols = columns.get(table)
  if (!decl || !cols || seen.includes(table)) return null
  const parts: Sql[] = []
  const col = (c: string) => `${alias}.${q(c)}`
  for (const r of reachesOf(decl)) {
    const part = reachCondition(r, who, columns, alias, [...seen, table], cols, col)
    if (part) parts.push(part)
  }
  if (!parts.length) return null
  return {
    sql: parts.map((p) => `(${p.sql})`).join(" OR "),
    bindings: parts.flatMap((p) => p.bindings),
  }
}

function reachCondition(
  r: Reach,
  who: Who,
  columns: TableColumns,
  alias: string,
  seen: string[],
  cols: Map<string, ColumnType>,
  col: (c: string) => string
): Sql | null {
  if ("via" in r) {
    const link = columns.get(r.via)
    if (!link?.has(r.column) || !link.has("customer_id") || !cols.has("id")) return null
    return {
      sql: `${col("id")} IN (SELECT l.${q(r.column)} FROM ${q(r.via)} l WHERE l."customer_id" = ?)`,
      bindings: [who.id],
    }
  }
  if ("join" in r) {
    const childAlias = `${alias}_${seen.length}`
    const parent = rowCondition(r.join, who, columns, childAlias, seen)
    const parentCols = columns.get(r.join)
    if (!parent || !parentCols) return null
    const pairs = r.on.filter(([a, b]) => cols.has(a) && parentCols.has(b))
    if (!pairs.length) return null
    return {
      sql: pairs
        .map(([a, b]) => `${col(a)} IN (SELECT ${childAlias}.${q(b)} FROM ${q(r.join)} ${childAlias} WHERE ${parent.sql})`)
        .join(" OR "),
      bindings: pairs.flatMap(() => parent.bindings),
    }
  }
  if ("json" in r) {
    if (!cols.has(r.json)) return null
    return { sql: `${col(r.json)} #>> ? = ?`, bindings: [`{${r.path.join(",")}}`, who.id] }
  }
  if ("value" in r) {
    if (!cols.has(r.value)) return null
    const values = [
      ...(r.matches.includes("id") ? [who.id] : []),
      ...(r.matches.includes("email") ? who.emails.map((e) => e.toLowerCase()) : []),
    ]
    if (!values.length) return null
    const expr = r.matches.includes("email") ? `lower(${col(r.value)}::text)` : `${col(r.value)}::text`
    return { sql: `${expr} = ANY(?)`, bindings: [values] }
  }
  if ("search" in r) {
    const present = r.search.filter((c) => cols.has(c))
    const needles = [who.id, ...who.emails].filter(Boolean).map((v) => `%${likeEscape(v)}%`)
    if (!present.length || !needles.length) return null
    return {
      sql: present.map((c) => `${col(c)}::text ILIKE ANY(?)`).join(" OR "),
      bindings: present.map(() => needles),
    }
  }
  if ("column" in r) {
    if (!cols.has(r.column)) return null
    return { sql: `${col(r.column)} = ?`, bindings: [who.id] }
  }
  return null
}

export type CustomerRows = {
  decl: CustomerDataTable
  /** ids of the customer's rows (tables without an id column are acted on by condition) */
  ids: string[]
  condition: Sql
}

/** The customer's rows in every declared table that exists. */
export async function findCustomerRows(
  knex: Knex,
  who: Who,
  columns: TableColumns
): Promise<CustomerRows[]> {
  const out: CustomerRows[] = []
  for (const decl of CUSTOMER_DATA_TABLES) {
    const cond = rowCondition(decl.table, who, columns)
    if (!cond) continue
    if (!columns.get(decl.table)!.has("id")) {
      out.push({ decl, ids: [], condition: cond })
      continue
    }
    const { rows } = await knex.raw(`SELECT t."id" FROM ${q(decl.table)} t WHERE ${cond.sql}`, cond.bindings)
    out.push({ decl, ids: (rows as { id: string }[]).map((r) => r.id), condition: cond })
  }
  return out
}

/** Medusa ids (`cus_01H…`), kept after erasure: never searched as former values. */
export const looksLikeId = (v: string) => /^[a-z]+(_[a-z]+)*_[0-9A-Z]{20,32}$/.test(v)
