/**
 * Current customers in the customer file format (the columns of
 * `EXPORT_COLUMNS`), for exports, the import's "unchanged" comparison and
 * its backups.
 *
 * Set-based: one query per kind of data for the whole batch (customers with
 * their profile and consent, default addresses, categories, stores, orders),
 * never one query per customer. Values are strings, "" for empty:
 * E.164 phones as stored, dates YYYY-MM-DD (UTC), booleans yes/no, lists
 * joined by "; " in name order.
 */
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { customerStatus, STATUS_LABELS } from "../../modules/customer-records/status"
import { EXPORT_COLUMNS } from "./columns"
import { PROFILE_FIELDS, type ProfileFieldKey } from "../profile-fields/fields"
import { CUSTOMER_STORES_TABLE } from "../core-sql/tables"

export type CustomerFileRow = Record<string, string>

/** Ids per query: keeps the bound parameter lists well under PostgreSQL's limit. */
const CHUNK = 5000

/** Date → "YYYY-MM-DD" (UTC); null → "". */
export function fileDate(value: Date | string | null | undefined): string {
  if (value === null || value === undefined || value === "") return ""
  const d = value instanceof Date ? value : new Date(value)
  if (Number.isNaN(d.getTime())) return ""
  return d.toISOString().slice(0, 10)
}

const text = (v: unknown) => (v === null || v === undefined ? "" : String(v))

/** An empty row: every export column present, all "". */
export function emptyCustomerFileRow(): CustomerFileRow {
  return Object.fromEntries(EXPORT_COLUMNS.map((c) => [c.key, ""]))
}

/** A profile field's stored value in file format. */
function profileFileValue(kind: string, value: unknown): string {
  if (kind === "date") return fileDate(value as Date | null)
  if (kind === "country") return text(value).toUpperCase()
  return text(value)
}

type CustomerRecord = { [K in ProfileFieldKey]: Date | string | null } & {
  id: string
  email: string | null
  first_name: string | null
  last_name: string | null
  company_name: string | null
  phone: string | null
  has_account: boolean
  created_by: string | null
  created_at: Date
  alt_phone: string | null
  email_invalid_at: Date | null
  origin: string | null
  status_override: string | null
  referral_source: string | null
  marketing_opt_out: boolean | null
  /** The loyalty account's balance; null without an account. */
  loyalty_points: number | null
}

type AddressRecord = {
  customer_id: string
  company: string | null
  address_1: string | null
  address_2: string | null
  city: string | null
  province: string | null
  postal_code: string | null
  country_code: string | null
  phone: string | null
}

/**
 * Loads the given customers (deleted ones are left out) as file rows, keyed
 * by customer id. The map's order follows `customerIds`.
 */
export async function loadCustomerFileRows(
  knex: Knex,
  customerIds: string[],
  opts: { purchases?: boolean; notes?: boolean } = {}
): Promise<Map<string, CustomerFileRow>> {
  const ids = [...new Set(customerIds.filter(Boolean))]
  const out = new Map<string, CustomerFileRow>()
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK)
    const rows = await loadChunk(knex, chunk, opts.purchases !== false, !!opts.notes)
    for (const id of chunk) {
      const row = rows.get(id)
      if (row) out.set(id, row)
    }
  }
  return out
}

async function loadChunk(
  knex: Knex,
  ids: string[],
  purchases: boolean,
  notes: boolean
): Promise<Map<string, CustomerFileRow>> {
  const [customers, addresses, groups, stores, orders, trade, noteTexts] = await Promise.all([
    loadCustomers(knex, ids),
    loadDefaultAddresses(knex, ids),
    loadNames(
      knex
        .from("customer_group_customer as cgc")
        .join("customer_group as cg", "cg.id", "cgc.customer_group_id")
        .whereIn("cgc.customer_id", ids)
        .whereNull("cgc.deleted_at")
        .whereNull("cg.deleted_at")
        .select("cgc.customer_id", "cg.name")
    ),
    loadNames(
      knex
        .from(`${CUSTOMER_STORES_TABLE} as cs`)
        .join("sales_channel as sc", "sc.id", "cs.sales_channel_id")
        .whereIn("cs.customer_id", ids)
        .whereNull("cs.deleted_at")
        .whereNull("sc.deleted_at")
        .select("cs.customer_id", "sc.name")
    ),
    purchases ? loadPurchases(knex, ids) : Promise.resolve(new Map<string, { first: Date; last: Date; count: number }>()),
    loadTradeAccounts(knex, ids),
    notes ? loadNotes(knex, ids) : Promise.resolve(null),
  ])

  const out = new Map<string, CustomerFileRow>()
  for (const c of customers) {
    const a = addresses.get(c.id)
    const o = orders.get(c.id)
    const row = emptyCustomerFileRow()
    Object.assign(row, {
      email: text(c.email),
      first_name: text(c.first_name),
      last_name: text(c.last_name),
      company_name: text(c.company_name),
      phone: text(c.phone),
      alt_phone: text(c.alt_phone),
      ...Object.fromEntries(PROFILE_FIELDS.map((f) => [f.key, profileFileValue(f.kind, c[f.key as ProfileFieldKey])])),
      referral_source: text(c.referral_source),
      address_company: text(a?.company),
      address_1: text(a?.address_1),
      address_2: text(a?.address_2),
      city: text(a?.city),
      province: text(a?.province),
      postal_code: text(a?.postal_code),
      country_code: text(a?.country_code).toUpperCase(),
      address_phone: text(a?.phone),
      categories: sortedList(groups.get(c.id)),
      stores: sortedList(stores.get(c.id)),
      marketing_opt_out: c.marketing_opt_out ? "yes" : "no",
      ...tradeFileValues(trade.get(c.id)),
      account: c.has_account ? "Registered" : "Guest",
      status: customerStatus(c)
        .map((s) => STATUS_LABELS[s])
        .join("; "),
      email_invalid_at: fileDate(c.email_invalid_at),
      created_at: fileDate(c.created_at),
      first_purchase: fileDate(o?.first ?? null),
      last_purchase: fileDate(o?.last ?? null),
      order_count: String(o?.count ?? 0),
      loyalty_points: c.loyalty_points === null ? "" : String(c.loyalty_points),
    } satisfies Partial<CustomerFileRow>)
    if (noteTexts) row.staff_notes = noteTexts.get(c.id) ?? ""
    out.set(c.id, row)
  }
  return out
}

function loadCustomers(knex: Knex, ids: string[]): Promise<CustomerRecord[]> {
  return knex
    .from("customer as c")
    .leftJoin("customer_profile as p", function () {
      this.on("p.customer_id", "=", "c.id").andOnNull("p.deleted_at")
    })
    .leftJoin("referral_source as rs", function () {
      this.on("rs.id", "=", "p.referral_source_id").andOnNull("rs.deleted_at")
    })
    .leftJoin("customer_consent as cc", function () {
      this.on("cc.customer_id", "=", "c.id").andOnNull("cc.deleted_at")
    })
    .leftJoin("points_account as pa", function () {
      this.on("pa.customer_id", "=", "c.id").andOnNull("pa.deleted_at")
    })
    .whereIn("c.id", ids)
    .whereNull("c.deleted_at")
    .select(
      "c.id",
      "c.email",
      "c.first_name",
      "c.last_name",
      "c.company_name",
      "c.phone",
      "c.has_account",
      "c.created_by",
      "c.created_at",
      ...PROFILE_FIELDS.map((f) => `p.${f.key}`),
      "p.alt_phone",
      "p.email_invalid_at",
      "p.origin",
      "p.status_override",
      "rs.name as referral_source",
      "cc.marketing_opt_out",
      "pa.balance as loyalty_points"
    )
}

/** The default shipping address of each customer, else their first address. */
async function loadDefaultAddresses(knex: Knex, ids: string[]): Promise<Map<string, AddressRecord>> {
  const rows: AddressRecord[] = await knex
    .from("customer_address as a")
    .distinctOn("a.customer_id")
    .whereIn("a.customer_id", ids)
    .whereNull("a.deleted_at")
    .orderBy([
      { column: "a.customer_id" },
      { column: "a.is_default_shipping", order: "desc" },
      { column: "a.created_at", order: "asc" },
      { column: "a.id", order: "asc" },
    ])
    .select(
      "a.customer_id",
      "a.company",
      "a.address_1",
      "a.address_2",
      "a.city",
      "a.province",
      "a.postal_code",
      "a.country_code",
      "a.phone"
    )
  return new Map(rows.map((r) => [r.customer_id, r]))
}

async function loadNames(query: Knex.QueryBuilder): Promise<Map<string, string[]>> {
  const rows: { customer_id: string; name: string }[] = await query
  const map = new Map<string, string[]>()
  for (const r of rows) {
    const list = map.get(r.customer_id) ?? []
    list.push(r.name)
    map.set(r.customer_id, list)
  }
  return map
}

const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true })

function sortedList(names: string[] | undefined): string {
  if (!names?.length) return ""
  return [...new Set(names)].sort((a, b) => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0)).join("; ")
}

type TradeRecord = {
  customer_id: string
  account_type: string
  account_code: string | null
  company_name: string | null
  company_number: string | null
  vat_number: string | null
  free_delivery: boolean
  discount_bp: number
  price_list: string | null
  active: boolean
}

/** The trade account's columns; all "" for a customer without one (Retail). */
export function tradeFileValues(t: TradeRecord | undefined): CustomerFileRow {
  if (!t) {
    return { account_type: "", account_code: "", trade_company_name: "", company_number: "", vat_number: "", free_delivery: "", discount_percent: "", price_list: "", active: "" }
  }
  return {
    account_type: t.account_type,
    account_code: text(t.account_code),
    trade_company_name: text(t.company_name),
    company_number: text(t.company_number),
    vat_number: text(t.vat_number),
    free_delivery: t.free_delivery ? "yes" : "no",
    discount_percent: (Number(t.discount_bp) / 100).toFixed(2),
    price_list: text(t.price_list),
    active: t.active ? "yes" : "no",
  }
}

/** Trade accounts with their price list's title (a deleted price list shows empty). */
function loadTradeAccounts(knex: Knex, ids: string[]): Promise<Map<string, TradeRecord>> {
  return knex
    .from("trade_account as t")
    .leftJoin("price_list as pl", function () {
      this.on("pl.id", "=", "t.price_list_id").andOnNull("pl.deleted_at")
    })
    .whereIn("t.customer_id", ids)
    .whereNull("t.deleted_at")
    .select(
      "t.customer_id",
      "t.account_type",
      "t.account_code",
      "t.company_name",
      "t.company_number",
      "t.vat_number",
      "t.free_delivery",
      "t.discount_bp",
      "pl.title as price_list",
      "t.active"
    )
    .then((rows: TradeRecord[]) => new Map(rows.map((r) => [r.customer_id, r])))
}

/** First and last date and number of non-canceled, non-draft orders. */
async function loadPurchases(
  knex: Knex,
  ids: string[]
): Promise<Map<string, { first: Date; last: Date; count: number }>> {
  const rows: { customer_id: string; first: Date; last: Date; count: string }[] = await knex
    .from("order as o")
    .whereIn("o.customer_id", ids)
    .whereNull("o.deleted_at")
    .whereNull("o.canceled_at")
    .where("o.is_draft_order", false)
    .whereNotIn("o.status", ["canceled", "draft"])
    .groupBy("o.customer_id")
    .select(
      "o.customer_id",
      knex.raw("min(o.created_at) AS first"),
      knex.raw("max(o.created_at) AS last"),
      knex.raw("count(*) AS count")
    )
  return new Map(
    rows.map((r) => [r.customer_id, { first: r.first, last: r.last, count: Number(r.count) }])
  )
}

/** Every note of each customer in one cell: pinned first, then newest first; "YYYY-MM-DD: text", a blank line apart. */
async function loadNotes(knex: Knex, ids: string[]): Promise<Map<string, string>> {
  const rows: { customer_id: string; body: string; created_at: Date }[] = await knex
    .from("customer_note")
    .whereIn("customer_id", ids)
    .whereNull("deleted_at")
    .orderBy([
      { column: "customer_id" },
      { column: "pinned", order: "desc" },
      { column: "created_at", order: "desc" },
      { column: "id", order: "desc" },
    ])
    .select("customer_id", "body", "created_at")
  const map = new Map<string, string[]>()
  for (const r of rows) {
    const list = map.get(r.customer_id) ?? []
    list.push(`${fileDate(r.created_at)}: ${r.body.trim()}`)
    map.set(r.customer_id, list)
  }
  return new Map([...map].map(([id, list]) => [id, list.join("\n\n")]))
}
