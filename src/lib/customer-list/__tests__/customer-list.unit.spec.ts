import { knex as knexFactory } from "@medusajs/framework/mikro-orm/knex"
import { customerStatusPredicate, customerStatusSql, CUSTOMER_STATUSES } from "../status"
import { customerStatus } from "../../../modules/customer-records/status"
import { containsPattern, customerSearchSql } from "../search"
import { CUSTOMER_LIST_FILTERS, filtered, type CustomerListParams } from "../query"
import { ListCustomersQuery } from "../../../api/admin/backoffice/customers/list-validators"

const knex = knexFactory({ client: "pg" })

function whereSql(params: Partial<CustomerListParams>) {
  const qb = knex.from("customer as c").select("c.id")
  for (const f of CUSTOMER_LIST_FILTERS) f(qb, { limit: 20, offset: 0, ...params }, knex as never)
  return qb.toSQL().toNative()
}

describe("customer status", () => {
  it("follows the one status rule of the customer records (primary status)", () => {
    expect(customerStatus({ has_account: true, created_by: "user_1" })[0]).toBe("registered")
    expect(customerStatus({ has_account: false, created_by: "user_1" })[0]).toBe("in_store")
    expect(customerStatus({ has_account: false, origin: "import" })[0]).toBe("in_store")
    expect(customerStatus({ has_account: false, created_by: null })[0]).toBe("guest")
    expect(customerStatus({ has_account: true, status_override: "pending_approval" })[0]).toBe("pending_approval")
    // the SQL states the same staff origins
    expect(customerStatusPredicate("in_store")).toContain("IN ('admin', 'import', 'pos')")
  })

  it("builds one CASE branch per status from the same predicates", () => {
    const sql = customerStatusSql("c")
    for (const s of CUSTOMER_STATUSES) {
      expect(sql).toContain(`WHEN ${customerStatusPredicate(s, "c")} THEN '${s}'`)
    }
  })
})

describe("customer search", () => {
  it("escapes LIKE wildcards and lower-cases the text", () => {
    expect(containsPattern("  Jane_%\\ ")).toBe("%jane\\_\\%\\\\%")
  })

  it("searches the indexed expression", () => {
    expect(customerSearchSql("c")).toContain("coalesce(c.email, '')")
  })
})

describe("customer list filters", () => {
  it("passes every value as a binding", () => {
    const { sql, bindings } = whereSql({
      q: "o'hara",
      status: ["guest"],
      category: ["cusgroup_1", "x'); drop table customer; --"],
      created_from: new Date("2026-01-01T00:00:00Z"),
      created_to: new Date("2026-02-01T00:00:00Z"),
    })
    expect(sql).not.toContain("o'hara")
    expect(sql).not.toContain("drop table")
    expect(bindings).toEqual(
      expect.arrayContaining(["%o'hara%", "cusgroup_1", "x'); drop table customer; --"])
    )
    expect(sql).toContain('"c"."deleted_at" is null')
  })

  it("lists removed customers only when asked", () => {
    expect(whereSql({ removed: true }).sql).toContain('"c"."deleted_at" is not null')
  })
})

describe("list query validation", () => {
  it("reads comma-separated lists, dates and the sort order", () => {
    const parsed = ListCustomersQuery.parse({
      status: "guest,registered",
      category: "g1,g2",
      created_from: "2026-01-01",
      created_to: "2026-01-31",
      order: "-name",
    })
    expect(parsed.status).toEqual(["guest", "registered"])
    expect(parsed.category).toEqual(["g1", "g2"])
    expect(parsed.created_from.toISOString()).toBe("2026-01-01T00:00:00.000Z")
    // a plain end date includes that whole day
    expect(parsed.created_to.toISOString()).toBe("2026-02-01T00:00:00.000Z")
    expect(parsed).toEqual(expect.objectContaining({ limit: 20, offset: 0, order: "-name" }))
  })
})

describe("the list's count joins only what its filters read", () => {
  const countSql = (params: Partial<CustomerListParams>) =>
    filtered(knex as never, { ...params }, { lean: true }).count({ count: "*" }).toSQL().sql
  const joins = (sql: string) => ({
    profile: sql.includes('"customer_profile" as "p"'),
    sales: sql.includes('"customer_sales" as "cs"'),
  })

  it("no filter: the customer table alone", () => {
    expect(joins(countSql({}))).toEqual({ profile: false, sales: false })
  })

  it("a profile filter joins the profile, a sales filter the sales row, each only then", () => {
    expect(joins(countSql({ invalid_email: true }))).toEqual({ profile: true, sales: false })
    expect(joins(countSql({ status: ["in_store"] }))).toEqual({ profile: true, sales: false })
    expect(joins(countSql({ spent_more_than: 1000 }))).toEqual({ profile: false, sales: true })
    expect(joins(countSql({ no_order_since: new Date("2026-01-01") }))).toEqual({ profile: false, sales: true })
    // the duplicates filter's own alias "dp" is not the profile
    expect(joins(countSql({ has_duplicates: true }))).toEqual({ profile: false, sales: false })
  })

  it("every filter alone compiles to SQL whose aliases are all joined (the page always joins both)", () => {
    const one: Partial<CustomerListParams>[] = [
      { removed: true }, { status: ["registered", "guest", "pending_approval"] }, { category: ["g1"] },
      { created_from: new Date("2026-01-01"), created_to: new Date("2026-02-01") }, { q: "smith" }, { q: "+4479" },
      { store: ["sc_1"] }, { invalid_email: true }, { birthday_this_month: true }, { outstanding_balance: true },
      { over_credit_limit: true }, { account_type: ["trade", "pending"] }, { has_duplicates: false },
      { spent_more_than: 5 }, { no_order_since: new Date("2026-01-01") },
    ]
    for (const p of one) {
      const sql = countSql(p)
      const j = joins(sql)
      if (/(?<![\w."])"?p"?\./.test(sql)) expect(j.profile).toBe(true)
      if (/(?<![\w."])"?cs"?\./.test(sql)) expect(j.sales).toBe(true)
      expect(sql).toContain('from "customer" as "c"')
    }
  })
})
