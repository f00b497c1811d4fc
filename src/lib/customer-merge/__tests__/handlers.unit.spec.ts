import { CUSTOMER_DATA_TABLES, tablesFor, type CustomerDataTable } from "../../customer-data"
import { LAST_HANDLERS, mergeHandlers, unhandledTables } from ".."

describe("customer merge: every registry table's merge rule has a handler", () => {
  it("handles every table whose rule is move, combine or keep-primary", () => {
    expect(unhandledTables(LAST_HANDLERS)).toEqual([])
    const handled = new Set(mergeHandlers().map((h) => h.table))
    for (const t of tablesFor("merge")) expect([t.table, handled.has(t.table)]).toEqual([t.table, true])
  })

  it("fails for a table declared with a rule and no handler", () => {
    const extra: CustomerDataTable = {
      table: "some_new_table",
      owner: "customer_records",
      reach: { json: "data", path: ["customer"] },
      personal: {},
      merge: "combine",
      forget: "delete",
      export: "include",
      why: { merge: "one row per customer" },
    }
    expect(unhandledTables(LAST_HANDLERS, [...CUSTOMER_DATA_TABLES, extra])).toEqual(["some_new_table"])
  })

  it("runs the customer row and the login last, after every table that still points at the secondary", () => {
    const order = mergeHandlers().map((h) => h.table)
    expect(order.slice(-2)).toEqual(["customer", "auth_identity"])
  })

  it("moves points through the ledger, never by editing ledger rows", () => {
    const points = mergeHandlers().find((h) => h.table === "points_account")!
    expect(points.ledger).toBe(true)
    expect(points.apply).toBeUndefined()
    expect(mergeHandlers().some((h) => ["points_entry", "points_lot"].includes(h.table))).toBe(false)
  })
})
