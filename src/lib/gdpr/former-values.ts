import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import {
  customerDataTable,
  notCustomerData,
  reachesOf,
  type CustomerDataTable,
  type PersonalKind,
} from "../customer-data"
import { looksLikeId, q, type CustomerRows, type TableColumns } from "./places"

/**
 * The customer's former values: what the verification pass searches for
 * after erasure. Held in memory only (never written to the database, Redis
 * or a log); the certificate records how many were searched, not what.
 */
export type FormerValues = {
  /** ≥ 8 characters: searched as a substring (case-insensitive) */
  long: string[]
  /** 4–7 characters: searched as a whole value (a column equal to it, or a JSON string equal to it) */
  short: string[]
  /** shorter than 4 characters: too common to search (e.g. a two-letter country) */
  tooShort: number
  /** values another customer also holds (same surname, shared street): not searched */
  shared: number
}

const TEXT_KINDS: PersonalKind[] = ["name", "email", "phone", "address", "free-text", "identifier"]
/** Kept on financial records (tax) and too common to be personal on its own. */
const KEPT_COLUMNS = new Set(["country_code"])

/**
 * Tables whose values are the customer's own. Copies found by searching
 * (stored workflow runs, the index) and notifications (a message to staff
 * about the customer also holds the staff member's address) are erased, but
 * their contents are not taken as the customer's values.
 */
function isSource(decl: CustomerDataTable) {
  return decl.table !== "notification" && !reachesOf(decl).some((r) => "search" in r)
}

/** Keys under which the plugin copies the store's own labels (store and category names by id). */
const STORE_LABEL_KEYS = new Set(["names", "labels"])

/** Generated text (the timeline's one-line summaries): its personal parts are also in its data. */
const GENERATED = new Set(["timeline_entry.summary"])

/** Strings of a JSON value that look like data a person typed (not ids, dates, enum tokens, numbers). */
export function jsonStrings(v: unknown, out: string[] = []): string[] {
  if (typeof v === "string") {
    const s = v.trim()
    if (
      s.length >= 8 &&
      !looksLikeId(s) &&
      !/^\d{4}-\d{2}-\d{2}([T ][\d:.]+)?(Z|[+-]\d{2}:?\d{2})?$/.test(s) &&
      !/^[a-z0-9_.:-]+$/.test(s) &&
      !/^-?[\d.,]+$/.test(s)
    ) {
      out.push(s)
    }
  } else if (Array.isArray(v)) {
    v.forEach((x) => jsonStrings(x, out))
  } else if (v && typeof v === "object") {
    for (const [k, x] of Object.entries(v)) if (!STORE_LABEL_KEYS.has(k)) jsonStrings(x, out)
  }
  return out
}

/** Reads the personal columns of the customer's rows and returns the values to search for later. */
export async function collectFormerValues(
  knex: Knex,
  customerId: string,
  found: CustomerRows[],
  columns: TableColumns
): Promise<FormerValues> {
  const raw = new Set<string>()
  for (const { decl, ids, condition } of found) {
    if (!isSource(decl)) continue
    const cols = columns.get(decl.table)!
    const wanted = Object.entries(decl.personal).filter(
      ([c, kind]) => cols.has(c) && !KEPT_COLUMNS.has(c) && !GENERATED.has(`${decl.table}.${c}`) && (TEXT_KINDS.includes(kind) || kind === "json")
    )
    if (!wanted.length) continue
    const select = wanted.map(([c]) => `t.${q(c)}`).join(", ")
    const { rows } = ids.length
      ? await knex.raw(`SELECT ${select} FROM ${q(decl.table)} t WHERE t."id" = ANY(?)`, [ids])
      : cols.has("id")
        ? { rows: [] }
        : await knex.raw(`SELECT ${select} FROM ${q(decl.table)} t WHERE ${condition.sql}`, condition.bindings)
    for (const row of rows as Record<string, unknown>[]) {
      for (const [c, kind] of wanted) {
        const v = row[c]
        if (v == null) continue
        if (kind === "json") jsonStrings(v).forEach((s) => raw.add(s))
        else if (typeof v === "string" || typeof v === "number") raw.add(String(v).trim())
      }
    }
  }
  raw.delete(customerId)
  const candidates = [...raw].filter((v) => v && !looksLikeId(v))
  const tooShort = candidates.filter((v) => v.length < 4).length
  const searchable = candidates.filter((v) => v.length >= 4)
  const shared = new Set([
    ...(await sharedWithOthers(knex, customerId, searchable)),
    ...(await storeLabels(knex, searchable, columns)),
  ])
  const kept = searchable.filter((v) => !shared.has(v.toLowerCase()))
  return {
    long: kept.filter((v) => v.length >= 8),
    short: kept.filter((v) => v.length < 8),
    tooShort,
    shared: searchable.length - kept.length,
  }
}

/**
 * Values another live customer holds in the same kind of field: their own
 * name, email, phone or address (with the address's label, such as "Home"),
 * or a duplicate-scan key (city and phonetic surname) that theirs equals.
 */
async function sharedWithOthers(knex: Knex, customerId: string, values: string[]): Promise<Set<string>> {
  if (!values.length) return new Set()
  const lower = [...new Set(values.map((v) => v.toLowerCase()))]
  const blockKeys = (await knex.schema.hasTable("customer_duplicate_block_key"))
    ? `UNION ALL
        SELECT lower(value) v FROM customer_duplicate_block_key WHERE customer_id <> ? AND deleted_at IS NULL`
    : ""
  const { rows } = await knex.raw(
    `SELECT DISTINCT v FROM (
        SELECT unnest(ARRAY[lower(email), lower(first_name), lower(last_name), lower(company_name), lower(phone)]) v
          FROM customer WHERE id <> ? AND deleted_at IS NULL
        UNION ALL
        SELECT unnest(ARRAY[lower(first_name), lower(last_name), lower(company), lower(address_1),
                            lower(address_2), lower(city), lower(province), lower(postal_code), lower(phone),
                            lower(address_name)]) v
          FROM customer_address WHERE customer_id <> ? AND deleted_at IS NULL
        ${blockKeys}
      ) s WHERE v = ANY(?)`,
    [customerId, customerId, ...(blockKeys ? [customerId] : []), lower]
  )
  return new Set((rows as { v: string }[]).map((r) => r.v))
}

/** Columns of tables that are not customer data whose values are labels the store chose. */
const LABEL_COLUMNS = new Set(["name", "title", "label", "handle", "code", "value", "description", "subtitle"])

/**
 * Values that are the store's own labels (a store, category, product,
 * region or option name): a customer's data may quote them (an import's
 * "Stores" cell, a cart line's product title), they are not the customer's.
 */
async function storeLabels(knex: Knex, values: string[], columns: TableColumns): Promise<Set<string>> {
  if (!values.length) return new Set()
  const lower = [...new Set(values.map((v) => v.toLowerCase()))]
  const parts: string[] = []
  for (const [table, cols] of columns) {
    if (customerDataTable(table) || notCustomerData(table)?.owner === "backoffice_jobs") continue
    for (const [c, t] of cols) {
      if (LABEL_COLUMNS.has(c) && ["text", "character varying"].includes(t.data_type)) {
        parts.push(`SELECT lower(${q(c)}) AS v FROM ${q(table)} WHERE lower(${q(c)}) = ANY(?)`)
      }
    }
  }
  if (!parts.length) return new Set()
  const { rows } = await knex.raw(`SELECT DISTINCT v FROM (${parts.join(" UNION ALL ")}) s`, parts.map(() => lower))
  return new Set((rows as { v: string }[]).map((r) => r.v))
}
