import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import {
  type CustomerStatus,
  customerStatusPredicate,
  customerStatusSql,
} from "./status"
import { containsPattern, customerSearchSql } from "./search"
import { type AccountTypeFilter, accountTypeFilter, accountTypeSql } from "./account-type"
import { CUSTOMER_STORES_TABLE } from "../core-sql/tables"

export const CUSTOMER_SORT_KEYS = [
  "name",
  "email",
  "created_at",
  "deleted_at",
  "order_count",
  "total_spent",
  "last_order_at",
] as const
export type CustomerSortKey = (typeof CUSTOMER_SORT_KEYS)[number]

export type CustomerListParams = {
  /** false: live customers; true: the "Removed customers" view (soft-deleted). */
  removed?: boolean
  status?: CustomerStatus[]
  /** Customer group ids: customers in any of them. */
  category?: string[]
  created_from?: Date
  /** Exclusive upper bound. */
  created_to?: Date
  q?: string
  /** Sales channel ids ("stores"): customers assigned to any of them. */
  store?: string[]
  /** true: only customers whose email bounced. */
  invalid_email?: boolean
  /** true: customers whose date of birth falls in the current month (UTC). */
  birthday_this_month?: boolean
  /** true: customers on a house account that owes money (balance > 0). */
  outstanding_balance?: boolean
  /** true: customers on a house account whose balance is above its credit limit. */
  over_credit_limit?: boolean
  /** Trade accounts: retail, trade (approved) or pending (application awaiting a decision); any of them. */
  account_type?: AccountTypeFilter[]
  /** Only customers in a possible-duplicate pair (from the duplicate scan; dismissed pairs are not stored). */
  has_duplicates?: boolean
  /** Customers whose total spent (store default currency, minor units) is above this. */
  spent_more_than?: number
  /** Customers without a purchase on or after this moment (never ordered included). */
  no_order_since?: Date
  sort?: CustomerSortKey
  direction?: "asc" | "desc"
  limit: number
  offset: number
}

export type CustomerListRow = {
  id: string
  first_name: string | null
  last_name: string | null
  email: string | null
  phone: string | null
  company_name: string | null
  has_account: boolean
  status: CustomerStatus
  categories: { id: string; name: string }[]
  /** Purchases (not canceled, not draft), kept fresh in customer_sales. */
  order_count: number
  /** Net sales in the store's default currency, integer minor units. */
  total_spent: number
  /** The currency of total_spent (store default); null before the first computation. */
  total_spent_currency: string | null
  last_order_at: Date | null
  created_at: Date
  deleted_at: Date | null
  customer_number: string | null
  photo_url: string | null
  date_of_birth: Date | null
  email_invalid_at: Date | null
  email_last_attempt_at: Date | null
  /** Loyalty points balance; null when the customer has no loyalty account. */
  loyalty_points: number | null
  loyalty_enrolled: boolean
  /** retail, trade (approved trade account) or pending (trade application awaiting a decision). */
  account_type: AccountTypeFilter
}

/**
 * One filter of the list: adds its WHERE clauses to the query over `customer c`
 * when its parameter is present. Every value goes through knex bindings.
 *
 * The query joins the customer's profile as `p` (LEFT JOIN, 1:1), so filters
 * on profile fields are plain predicates.
 */
export type CustomerListFilter = (
  qb: Knex.QueryBuilder,
  params: CustomerListParams,
  knex: Knex
) => void

export const removedFilter: CustomerListFilter = (qb, p) => {
  if (p.removed) qb.whereNotNull("c.deleted_at")
  else qb.whereNull("c.deleted_at")
}

export const statusFilter: CustomerListFilter = (qb, p) => {
  if (!p.status?.length) return
  const statuses = [...new Set(p.status)]
  qb.whereRaw(`(${statuses.map((s) => customerStatusPredicate(s)).join(" OR ")})`)
}

export const categoryFilter: CustomerListFilter = (qb, p) => {
  if (!p.category?.length) return
  qb.whereExists(function () {
    this.select(this.client.raw("1"))
      .from("customer_group_customer as cgc")
      .whereRaw("cgc.customer_id = c.id")
      .whereNull("cgc.deleted_at")
      .whereIn("cgc.customer_group_id", p.category!)
  })
}

export const createdRangeFilter: CustomerListFilter = (qb, p) => {
  if (p.created_from) qb.where("c.created_at", ">=", p.created_from)
  if (p.created_to) qb.where("c.created_at", "<", p.created_to)
}

export const searchFilter: CustomerListFilter = (qb, p) => {
  const q = p.q?.trim()
  if (!q) return
  // name, email, phone, company — or the merchant's customer ID number / a scanned code
  // (a scanned loyalty card: exact match on the unique points_account.code index)
  const loyaltyCode = q.replace(/\s+/g, "").toUpperCase()
  qb.where(function () {
    this.whereRaw(`${customerSearchSql("c")} LIKE ?`, [containsPattern(q)])
      .orWhereRaw("lower(p.customer_number) = ?", [q.toLowerCase()])
      // uncorrelated: one probe of the code's unique index, then a hash lookup per row
      .orWhereIn("c.id", function () {
        this.select("pa.customer_id")
          .from("points_account as pa")
          .where("pa.code", loyaltyCode)
          .whereNull("pa.deleted_at")
      })
  })
}

export const storeFilter: CustomerListFilter = (qb, p) => {
  if (!p.store?.length) return
  qb.whereExists(function () {
    this.select(this.client.raw("1"))
      .from(`${CUSTOMER_STORES_TABLE} as cs`)
      .whereRaw("cs.customer_id = c.id")
      .whereNull("cs.deleted_at")
      .whereIn("cs.sales_channel_id", p.store!)
  })
}

export const invalidEmailFilter: CustomerListFilter = (qb, p) => {
  if (p.invalid_email === true) qb.whereNotNull("p.email_invalid_at")
  if (p.invalid_email === false) qb.whereNull("p.email_invalid_at")
}

export const birthdayThisMonthFilter: CustomerListFilter = (qb, p) => {
  if (!p.birthday_this_month) return
  qb.whereRaw(
    "extract(month FROM p.date_of_birth AT TIME ZONE 'UTC') = extract(month FROM now() AT TIME ZONE 'UTC')"
  )
}

/**
 * House accounts (module house_accounts): customers allowed to charge an
 * account that owes money ("with outstanding balance"), or one over its limit.
 */
export const houseBalanceFilter: CustomerListFilter = (qb, p) => {
  if (!p.outstanding_balance && !p.over_credit_limit) return
  qb.whereExists(function () {
    this.select(this.client.raw("1"))
      .from("house_account_customer as hac")
      .join("house_account as ha", "ha.id", "hac.account_id")
      .whereRaw("hac.customer_id = c.id")
      .whereNull("hac.deleted_at")
      .whereNull("ha.deleted_at")
    if (p.outstanding_balance) this.where("ha.balance", ">", 0)
    if (p.over_credit_limit) this.whereRaw("ha.balance > ha.credit_limit")
  })
}

/** The filters applied, in order. Add new ones here. */
export const hasDuplicatesFilter: CustomerListFilter = (qb, p) => {
  if (p.has_duplicates === undefined) return
  const exists = `exists (select 1 from customer_duplicate_pair dp
     join customer o on o.id = case when dp.customer_a_id = c.id then dp.customer_b_id else dp.customer_a_id end
                     and o.deleted_at is null
    where (dp.customer_a_id = c.id or dp.customer_b_id = c.id) and dp.deleted_at is null)`
  qb.whereRaw(p.has_duplicates ? exists : `not ${exists}`)
}

/** Order columns (customer_sales, joined as `cs`): "spent more than", "no order since". */
export const salesFilter: CustomerListFilter = (qb, p) => {
  if (p.spent_more_than !== undefined) qb.whereRaw("coalesce(cs.total_spent, 0) > ?", [p.spent_more_than])
  if (p.no_order_since) {
    qb.where(function () {
      this.whereNull("cs.last_order_at").orWhere("cs.last_order_at", "<", p.no_order_since!)
    })
  }
}

export const CUSTOMER_LIST_FILTERS: CustomerListFilter[] = [
  removedFilter,
  statusFilter,
  categoryFilter,
  createdRangeFilter,
  searchFilter,
  storeFilter,
  invalidEmailFilter,
  birthdayThisMonthFilter,
  houseBalanceFilter,
  accountTypeFilter,
  hasDuplicatesFilter,
  salesFilter,
]

/** SQL of each sort key (the list and the export's keyset pages order by these, then c.id). */
export const SORT_SQL: Record<CustomerSortKey, string[]> = {
  name: ["lower(coalesce(c.first_name, ''))", "lower(coalesce(c.last_name, ''))"],
  email: ["lower(coalesce(c.email, ''))"],
  created_at: ["c.created_at"],
  deleted_at: ["c.deleted_at"],
  order_count: ["coalesce(cs.order_count, 0)"],
  total_spent: ["coalesce(cs.total_spent, 0)"],
  last_order_at: ["coalesce(cs.last_order_at, '-infinity'::timestamptz)"],
}

/**
 * "Top customers first" (total spent, orders or last order, descending)
 * walks customer_sales' own index: customers with a value (spent > 0, at
 * least one order, an order date) come first in the full order, in the same
 * order as their column alone — so a page that fills up from them alone is
 * exactly that page of the full sort. A page that runs past them (or any
 * ascending sort) takes the full sort, where customers without a sales row
 * count as 0 / never.
 */
const SALES_DESC_FAST: Partial<Record<CustomerSortKey, { where: string; order: string }>> = {
  total_spent: { where: "cs.total_spent > 0", order: "cs.total_spent" },
  order_count: { where: "cs.order_count > 0", order: "cs.order_count" },
  last_order_at: { where: "cs.last_order_at IS NOT NULL", order: "cs.last_order_at" },
}

/** Whether compiled SQL names the table alias `alias` (`p.x`, `"p"."x"`; not `dp.x`). */
const namesAlias = (sql: string, alias: string) => new RegExp(`(?<![\\w."])"?${alias}"?\\.`).test(sql)

/**
 * `customer c` LEFT JOIN its profile `p` and its order columns `cs`
 * (customer_sales, 1:1), with every list filter applied. `lean` (for
 * counts): each join only when a filter reads it — both are 1:1 left joins,
 * so leaving one out never changes the rows, and PostgreSQL does not drop
 * them itself (their unique indexes are partial), which made counting
 * 100,000 customers ~15× slower than counting the table.
 */
export function filtered(
  knex: Knex,
  params: Omit<CustomerListParams, "limit" | "offset">,
  { lean = false }: { lean?: boolean } = {}
) {
  const qb = knex.from("customer as c")
  for (const filter of CUSTOMER_LIST_FILTERS) filter(qb, params as CustomerListParams, knex)
  const sql = lean ? qb.toSQL().sql : ""
  if (!lean || namesAlias(sql, "p")) {
    qb.leftJoin("customer_profile as p", function () {
      this.on("p.customer_id", "=", "c.id").andOnNull("p.deleted_at")
    })
  }
  if (!lean || namesAlias(sql, "cs")) {
    qb.leftJoin("customer_sales as cs", function () {
      this.on("cs.customer_id", "=", "c.id").andOnNull("cs.deleted_at")
    })
  }
  return qb
}

/** Page of customers plus the total count of the filtered set. */
export async function listCustomers(
  knex: Knex,
  params: CustomerListParams
): Promise<{ rows: CustomerListRow[]; count: number }> {
  const sort = params.sort ?? (params.removed ? "deleted_at" : "created_at")
  const dir = params.direction === "asc" ? "ASC" : "DESC"
  const pageQuery = (orderBy: string, where?: string) => {
    const qb = filtered(knex, params)
      .select(
        "c.id",
        "c.first_name",
        "c.last_name",
        "c.email",
        "c.phone",
        "c.company_name",
        "c.has_account",
        "c.created_at",
        "c.deleted_at",
        "p.customer_number",
        "p.photo_url",
        "p.date_of_birth",
        "p.email_invalid_at",
        "p.email_last_attempt_at",
        knex.raw(`${customerStatusSql("c", "p")} AS status`),
        knex.raw(`${accountTypeSql("c")} AS account_type`),
        knex.raw("coalesce(cs.order_count, 0) AS order_count"),
        knex.raw("coalesce(cs.total_spent, 0) AS total_spent"),
        "cs.currency_code as total_spent_currency",
        "cs.last_order_at"
      )
      .orderByRaw(orderBy)
      .limit(params.limit)
      .offset(params.offset)
    return where ? qb.whereRaw(where) : qb
  }
  const page = async () => {
    const fast = dir === "DESC" ? SALES_DESC_FAST[sort] : undefined
    if (fast) {
      const rows = await pageQuery(`${fast.order} DESC, c.id DESC`, fast.where)
      if (rows.length === params.limit) return rows
    }
    return pageQuery([...SORT_SQL[sort], "c.id"].map((e) => `${e} ${dir}`).join(", "))
  }

  const countQuery = filtered(knex, params, { lean: true }).count<{ count: string }[]>({ count: "*" })

  const [rows, countRows] = await Promise.all([page(), countQuery])
  const ids = rows.map((r: { id: string }) => r.id)
  const [categories, points] = ids.length
    ? await Promise.all([loadCategories(knex, ids), loadPoints(knex, ids)])
    : [new Map(), new Map()]

  return {
    count: Number(countRows[0]?.count ?? 0),
    rows: rows.map(
      (r: Omit<CustomerListRow, "categories" | "loyalty_points" | "loyalty_enrolled">) => ({
        ...r,
        order_count: Number(r.order_count),
        total_spent: Number(r.total_spent),
        categories: categories.get(r.id) ?? [],
        loyalty_points: points.get(r.id)?.balance ?? null,
        loyalty_enrolled: points.get(r.id)?.enrolled ?? false,
      })
    ),
  }
}

/** Current customer groups of the given customers, by name. */
export async function loadCategories(knex: Knex, customerIds: string[]) {
  const rows: { customer_id: string; id: string; name: string }[] = await knex
    .from("customer_group_customer as cgc")
    .join("customer_group as cg", "cg.id", "cgc.customer_group_id")
    .whereIn("cgc.customer_id", customerIds)
    .whereNull("cgc.deleted_at")
    .whereNull("cg.deleted_at")
    .select("cgc.customer_id", "cg.id", "cg.name")
    .orderBy("cg.name")
  const map = new Map<string, { id: string; name: string }[]>()
  for (const r of rows) {
    const list = map.get(r.customer_id) ?? []
    list.push({ id: r.id, name: r.name })
    map.set(r.customer_id, list)
  }
  return map
}

/** Loyalty balance and enrolment of the given customers (module customer_points). */
export async function loadPoints(knex: Knex, customerIds: string[]) {
  const rows: { customer_id: string; balance: number; enrolled: boolean }[] = await knex
    .from("points_account")
    .whereIn("customer_id", customerIds)
    .whereNull("deleted_at")
    .select("customer_id", "balance", "enrolled")
  return new Map(rows.map((r) => [r.customer_id, { balance: Number(r.balance), enrolled: r.enrolled }]))
}
