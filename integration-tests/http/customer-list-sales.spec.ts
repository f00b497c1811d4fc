import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { useTestHost } from "../helpers/test-host"
import { waitFor } from "../helpers/wait"
import { enqueueBackofficeJobWorkflow } from "../../src/workflows/backoffice-jobs/workflows"

jest.setTimeout(180_000)

type Row = { id: string; first_name: string; order_count: number; total_spent: number; last_order_at: string | null }
type Seed = { ada: string; bob: string; cid: string; adaEur2: string; tag: string }

const pg = (c: MedusaContainer): Knex => c.resolve(ContainerRegistrationKeys.PG_CONNECTION)

/** Emits an order event as Medusa does and waits until the customer's row was recomputed after it. */
async function announce(container: MedusaContainer, name: string, orderId: string, customerId: string) {
  const knex = pg(container)
  const before = await knex("customer_sales").where({ customer_id: customerId }).first()
  await container.resolve(Modules.EVENT_BUS).emit({ name, data: { id: orderId } })
  await waitFor(
    async () => {
      const row = await knex("customer_sales").where({ customer_id: customerId }).first()
      return row && (!before || new Date(row.computed_at) > new Date(before.computed_at))
    },
    { what: `${name} of ${orderId} recomputed` }
  )
}

/**
 * Ada: two orders in the store's default currency (one partly refunded), one
 * in another currency, one canceled, one draft. Bob: one big order in the
 * default currency. Cid: no orders.
 */
async function seed(container: MedusaContainer): Promise<Seed> {
  const knex = pg(container)
  const [{ currency_code: def }] = await knex("store_currency").where({ is_default: true }).whereNull("deleted_at")
  const other = def === "usd" ? "eur" : "usd"
  const customers = container.resolve(Modules.CUSTOMER)
  const orders = container.resolve(Modules.ORDER)
  const tag = Math.random().toString(36).slice(2, 8)
  const [ada, bob, cid] = await customers.createCustomers([
    { email: `ada-${tag}@example.com`, first_name: "Ada" },
    { email: `bob-${tag}@example.com`, first_name: "Bob" },
    { email: `cid-${tag}@example.com`, first_name: "Cid" },
  ])
  const order = (c: { id: string; email: string }, currency_code: string, unit_price: number, extra = {}) =>
    orders.createOrders({
      currency_code,
      customer_id: c.id,
      email: c.email,
      items: [{ title: "Thing", quantity: 1, unit_price }],
      ...extra,
    })
  const eur1 = await order(ada, def, 40)
  const eur2 = await order(ada, def, 19.99, {
    shipping_methods: [{ name: "Post", amount: 5 }],
  })
  const foreign = await order(ada, other, 70)
  const canceled = await order(ada, def, 100)
  const draft = await order(ada, def, 500, { is_draft_order: true, status: "draft" })
  const big = await order(bob, def, 250)
  await orders.addOrderTransactions([
    { order_id: eur1.id, amount: 40, currency_code: def, reference: "capture", reference_id: `cap_${tag}` },
  ])
  await orders.addOrderTransactions([
    { order_id: eur1.id, amount: -15, currency_code: def, reference: "refund", reference_id: `ref_${tag}` },
  ])
  await orders.cancel(canceled.id)
  const dates: [string, string][] = [
    [eur1.id, "2026-03-02T10:00:00Z"],
    [eur2.id, "2026-04-15T10:00:00Z"],
    [foreign.id, "2026-05-20T10:00:00Z"],
    [canceled.id, "2026-06-01T10:00:00Z"],
    [draft.id, "2026-06-02T10:00:00Z"],
    [big.id, "2026-01-05T10:00:00Z"],
  ]
  for (const [id, at] of dates) await knex("order").where({ id }).update({ created_at: at })
  for (const id of [eur1.id, eur2.id, foreign.id, draft.id]) await announce(container, "order.placed", id, ada.id)
  await announce(container, "order.canceled", canceled.id, ada.id)
  await announce(container, "order.placed", big.id, bob.id)
  return { ada: ada.id, bob: bob.id, cid: cid.id, adaEur2: eur2.id, tag }
}

/** The test's own computation from order + order_summary + the store's default currency. */
async function expected(knex: Knex, customerId: string) {
  const { rows } = await knex.raw(
    `select o.currency_code, o.created_at, c.decimal_digits,
            (s.totals->'raw_current_order_total'->>'value')::numeric as total,
            coalesce((s.totals->'raw_refunded_total'->>'value')::numeric, 0) as refunded,
            coalesce((s.totals->'raw_paid_total'->>'value')::numeric, 0) as paid
       from "order" o
       join order_summary s on s.order_id = o.id and s.version = o.version and s.deleted_at is null
       join currency c on c.code = o.currency_code
      where o.customer_id = ? and o.deleted_at is null and not o.is_draft_order and o.status <> 'canceled'`,
    [customerId]
  )
  const [{ currency_code: def }] = await knex("store_currency").where({ is_default: true }).whereNull("deleted_at")
  let spent = 0
  let last: number | null = null
  for (const r of rows) {
    const beyond = Math.max(0, Number(r.refunded) - Math.max(0, Number(r.paid) - Number(r.total)))
    if (r.currency_code === def) spent += Math.round((Number(r.total) - beyond) * 10 ** r.decimal_digits)
    const at = new Date(r.created_at).getTime()
    last = last === null ? at : Math.max(last, at)
  }
  return {
    order_count: rows.length,
    total_spent: spent,
    last_order_at: last === null ? null : new Date(last).toISOString(),
  }
}

useTestHost({
  prefix: "cbo-http-list-sales",
  admin: "once",
  testSuite: ({ api, getContainer, session }) => {
    let s: Seed
    beforeAll(async () => {
      s = await seed(getContainer())
    })
    const get = (url: string) => api.get(url, { headers: session.headers, validateStatus: () => true })
    const list = async (query = "") => {
      const res = await get(`/admin/backoffice/customers?q=${s.tag}&limit=50${query}`)
      expect(res.status).toBe(200)
      return res.data.customers as Row[]
    }
    const pick = (r: Row) => ({ order_count: r.order_count, total_spent: r.total_spent, last_order_at: r.last_order_at })

    it("shows orders, total spent and last order equal to the orders' own figures", async () => {
      const rows = await list()
      const knex = pg(getContainer())
      expect(rows.map((r) => r.first_name).sort()).toEqual(["Ada", "Bob", "Cid"])
      for (const r of rows) expect(pick(r)).toEqual(await expected(knex, r.id))
      const ada = rows.find((r) => r.id === s.ada)!
      // 40 − 15 refunded + 19.99 + 5 shipping, in cents; the other currency and canceled/draft not counted
      expect(ada.total_spent).toBe(4999)
      expect(ada.order_count).toBe(3)
      expect(ada.last_order_at).toBe("2026-05-20T10:00:00.000Z")
      expect(pick(rows.find((r) => r.id === s.cid)!)).toEqual({ order_count: 0, total_spent: 0, last_order_at: null })
    })

    it("a canceled order leaves the figures", async () => {
      const container = getContainer()
      await container.resolve(Modules.ORDER).cancel(s.adaEur2)
      await announce(container, "order.canceled", s.adaEur2, s.ada)
      const ada = (await list()).find((r) => r.id === s.ada)!
      expect(pick(ada)).toEqual(await expected(pg(container), s.ada))
      expect(ada.total_spent).toBe(2500)
      expect(ada.order_count).toBe(2)
    })

    it("sorts by total spent, orders and last order", async () => {
      expect((await list("&order=-total_spent")).map((r) => r.first_name)).toEqual(["Bob", "Ada", "Cid"])
      expect((await list("&order=total_spent")).map((r) => r.first_name)).toEqual(["Cid", "Ada", "Bob"])
      expect((await list("&order=-order_count")).map((r) => r.first_name)).toEqual(["Ada", "Bob", "Cid"])
      expect((await list("&order=-last_order_at")).map((r) => r.first_name)).toEqual(["Ada", "Bob", "Cid"])
    })

    it("filters: spent more than, no order since", async () => {
      expect((await list("&spent_more_than=4999")).map((r) => r.first_name)).toEqual(["Bob"])
      expect((await list("&spent_more_than=4998&order=name")).map((r) => r.first_name)).toEqual(["Ada", "Bob"])
      expect((await list("&no_order_since=2026-02-01&order=name")).map((r) => r.first_name)).toEqual(["Bob", "Cid"])
      expect((await list("&no_order_since=2026-01-01&order=name")).map((r) => r.first_name)).toEqual(["Cid"])
      const res = await get(`/admin/backoffice/customers?q=${s.tag}&spent_more_than=0&no_order_since=2026-06-01`)
      expect(res.data.customers.map((r: Row) => r.first_name).sort()).toEqual(["Ada", "Bob"])
    })

    it.each([
      ["spent_more_than=abc", "spent_more_than"],
      ["spent_more_than=12.5", "spent_more_than"],
      ["spent_more_than=-1", "spent_more_than"],
      ["no_order_since=yesterday", "no_order_since"],
      ["no_order_since=1066-10-14", "no_order_since"],
      ["order=-spent", "order"],
    ])("bad filter %s → 400 naming %s", async (query, field) => {
      const res = await get(`/admin/backoffice/customers?${query}`)
      expect(res.status).toBe(400)
      expect(JSON.stringify(res.data)).toContain(field)
    })

    it("the reconcile job fixes a row changed behind its back", async () => {
      const container = getContainer()
      const knex = pg(container)
      await knex("customer_sales").where({ customer_id: s.ada }).update({ total_spent: 1, order_count: 99 })
      await knex("customer_sales").where({ customer_id: s.cid }).delete()
      expect(pick((await list()).find((r) => r.id === s.ada)!)).toMatchObject({ total_spent: 1, order_count: 99 })
      const { result: job } = await enqueueBackofficeJobWorkflow(container).run({
        input: { type: "customer_list.sales_reconcile", key: `reconcile-${s.tag}`, payload: { batch_size: 2 } },
      })
      const done = await waitFor(
        async () => {
          const r = await get(`/admin/backoffice/jobs/${job.id}`)
          return ["completed", "failed"].includes(r.data.job?.status) ? r.data.job : null
        },
        { what: "the reconcile job", timeoutMs: 60_000 }
      )
      expect(done.status).toBe("completed")
      expect(done.result).toEqual(expect.objectContaining({ changed: expect.any(Number) }))
      expect(done.result.changed).toBeGreaterThanOrEqual(1)
      const rows = await list()
      for (const r of rows) expect(pick(r)).toEqual(await expected(knex, r.id))
      expect(await knex("customer_sales").where({ customer_id: s.cid }).first()).toBeTruthy()
    })
  },
})
