import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { HOST_DIR, setTestEnv } from "../helpers/host"
import { createAdminHeaders } from "../helpers/admin"
import { deleteRedisPrefix, TEST_REDIS_URL } from "../helpers/redis"
import { waitFor } from "../helpers/wait"

jest.setTimeout(180_000)

const PREFIX = `cbo-http-metrics-${process.pid}`
const restoreEnv = setTestEnv({ CBO_QUEUE_PREFIX: PREFIX, REDIS_URL: TEST_REDIS_URL, ADMIN_DISABLED: "true" })
const ok = { validateStatus: () => true }

type Seed = { ada: string; bob: string; orders: Record<string, string>; bobOrder: string; house: string }

/**
 * Ada's orders: two in USD (one partly refunded), one in EUR with 20 % VAT
 * (a total with a third decimal), one canceled (EUR) and one draft (USD).
 */
async function seed(container: any): Promise<Seed> {
  const customers = container.resolve(Modules.CUSTOMER)
  const orders = container.resolve(Modules.ORDER)
  const knex: Knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const tag = Math.random().toString(36).slice(2, 8)
  const [ada, bob] = await customers.createCustomers([
    { email: `ada-${tag}@example.com`, first_name: "Ada", last_name: "Metrics" },
    { email: `bob-${tag}@example.com`, first_name: "Bob", last_name: "Other" },
  ])
  const order = (currency_code: string, items: any[], extra: Record<string, unknown> = {}, customer = ada) =>
    orders.createOrders({ currency_code, customer_id: customer.id, email: customer.email, items, ...extra })
  const usd1 = await order("usd", [{ title: "Mug", quantity: 2, unit_price: 10 }], {
    shipping_methods: [{ name: "Post", amount: 5 }],
  })
  const usd2 = await order("usd", [{ title: "Lamp", quantity: 1, unit_price: 40 }])
  const eur1 = await order("eur", [
    { title: "Book", quantity: 1, unit_price: 19.99, tax_lines: [{ code: "VAT", rate: 20, description: "VAT" }] },
  ])
  const canceled = await order("eur", [{ title: "Chair", quantity: 1, unit_price: 100 }])
  const draft = await order("usd", [{ title: "Sofa", quantity: 1, unit_price: 500 }], {
    is_draft_order: true,
    status: "draft",
  })
  const bobOrder = await order("usd", [{ title: "Pen", quantity: 1, unit_price: 3 }], {}, bob)
  await orders.addOrderTransactions([
    { order_id: usd1.id, amount: 25, currency_code: "usd", reference: "capture", reference_id: `cap_${tag}1` },
    { order_id: usd2.id, amount: 40, currency_code: "usd", reference: "capture", reference_id: `cap_${tag}2` },
  ])
  await orders.addOrderTransactions([
    { order_id: usd2.id, amount: -15, currency_code: "usd", reference: "refund", reference_id: `ref_${tag}` },
  ])
  await orders.cancel(canceled.id)
  const dates: [string, string][] = [
    [usd1.id, "2026-03-02T10:00:00Z"], // Monday
    [usd2.id, "2026-04-15T23:30:00Z"], // Wednesday
    [eur1.id, "2026-04-20T08:00:00Z"], // Monday
    [canceled.id, "2026-04-21T08:00:00Z"],
    [draft.id, "2026-04-22T08:00:00Z"],
  ]
  for (const [id, at] of dates) await knex("order").where({ id }).update({ created_at: at })

  const houseAccounts = container.resolve("house_accounts")
  const house = await houseAccounts.createAccount({ name: `Ada & Co ${tag}`, currency_code: "eur", credit_limit: 50000 })
  await houseAccounts.setCustomers(house.id, { add: [ada.id] })
  return {
    ada: ada.id,
    bob: bob.id,
    orders: { usd1: usd1.id, usd2: usd2.id, eur1: eur1.id, canceled: canceled.id, draft: draft.id },
    bobOrder: bobOrder.id,
    house: house.id,
  }
}

/**
 * The test's own computation, straight from order + order_summary: net =
 * current total − refunds not covered by a lower total, in minor units.
 */
async function expectedFromSql(knex: Knex, customerId: string, from?: string, to?: string) {
  const { rows } = await knex.raw(
    `select o.id, o.currency_code, o.created_at,
            (s.totals->'raw_current_order_total'->>'value')::numeric as total,
            coalesce((s.totals->'raw_refunded_total'->>'value')::numeric, 0) as refunded,
            coalesce((s.totals->'raw_paid_total'->>'value')::numeric, 0) as paid,
            c.decimal_digits
       from "order" o
       join order_summary s on s.order_id = o.id and s.version = o.version and s.deleted_at is null
       join currency c on c.code = o.currency_code
      where o.customer_id = ? and o.deleted_at is null and not o.is_draft_order and o.status <> 'canceled'
        and o.created_at >= coalesce(?::timestamptz, '-infinity') and o.created_at < coalesce(?::timestamptz, 'infinity')`,
    [customerId, from ?? null, to ?? null]
  )
  const perOrder = rows.map((r: any) => {
    const refundBeyondReturns = Math.max(0, Number(r.refunded) - Math.max(0, Number(r.paid) - Number(r.total)))
    const net = Math.round((Number(r.total) - refundBeyondReturns) * 10 ** r.decimal_digits)
    const at = new Date(r.created_at)
    return { currency: r.currency_code, net, at }
  })
  const totals: Record<string, { orders: number; sales: number }> = {}
  const monthly: Record<string, { orders: number; sales: number }> = {}
  const weekday: Record<string, { sales: number; days: Set<string> }> = {}
  for (const o of perOrder) {
    totals[o.currency] ??= { orders: 0, sales: 0 }
    totals[o.currency].orders++
    totals[o.currency].sales += o.net
    const m = `${o.at.toISOString().slice(0, 7)}|${o.currency}`
    monthly[m] ??= { orders: 0, sales: 0 }
    monthly[m].orders++
    monthly[m].sales += o.net
    const wd = `${((o.at.getUTCDay() + 6) % 7) + 1}|${o.currency}`
    weekday[wd] ??= { sales: 0, days: new Set() }
    weekday[wd].sales += o.net
    weekday[wd].days.add(o.at.toISOString().slice(0, 10))
  }
  const times = perOrder.map((o: any) => o.at.getTime())
  return {
    currency_totals: Object.entries(totals)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency_code, t]) => ({ currency_code, ...t, average: Math.round(t.sales / t.orders) })),
    visits: perOrder.length,
    first_order_at: times.length ? new Date(Math.min(...times)).toISOString() : null,
    last_order_at: times.length ? new Date(Math.max(...times)).toISOString() : null,
    monthly: Object.entries(monthly)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => ({ month: k.split("|")[0], currency_code: k.split("|")[1], sales: v.sales, orders: v.orders })),
    weekday: Object.entries(weekday)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => ({
        weekday: Number(k.split("|")[0]),
        currency_code: k.split("|")[1],
        average: Math.round(v.sales / v.days.size),
        sales: v.sales,
        days: v.days.size,
      })),
  }
}

medusaIntegrationTestRunner({
  cwd: HOST_DIR,
  testSuite: ({ api, getContainer }) => {
    let s: Seed
    let admin: Record<string, string>
    const knex = () => getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION) as Knex

    beforeAll(async () => {
      const storeModule = getContainer().resolve(Modules.STORE)
      const [store] = await storeModule.listStores({}, { relations: ["supported_currencies"] })
      if (store && !store.supported_currencies?.length) {
        await storeModule.updateStores(store.id, {
          supported_currencies: [
            { currency_code: "eur", is_default: true },
            { currency_code: "usd" },
          ],
        })
      }
      s = await seed(getContainer())
    })
    beforeEach(async () => {
      admin = (await createAdminHeaders(getContainer())).headers
    })
    afterAll(async () => {
      restoreEnv()
      await deleteRedisPrefix(PREFIX)
    })
    const get = (url: string) => api.get(url, { headers: admin, ...ok })
    const post = (url: string, body: object) => api.post(url, body, { headers: admin, ...ok })

    describe("authentication", () => {
      it.each([
        ["get", "/admin/backoffice/customers/cus_x/metrics"],
        ["get", "/admin/backoffice/customers/cus_x/transactions"],
        ["get", "/admin/backoffice/customers/cus_x/transactions/order_x"],
        ["post", "/admin/backoffice/customers/cus_x/transactions/order_x/send-receipt"],
      ])("%s %s needs an admin (401)", async (method, url) => {
        const res = method === "get" ? await api.get(url, ok) : await api.post(url, {}, ok)
        expect(res.status).toBe(401)
      })
    })

    describe("GET /metrics", () => {
      it("every figure equals the test's own SQL over order + order_summary (all time)", async () => {
        const res = await get(`/admin/backoffice/customers/${s.ada}/metrics`)
        expect(res.status).toBe(200)
        const expected = await expectedFromSql(knex(), s.ada)
        expect(res.data).toEqual(expect.objectContaining(expected))
        // and the figures a merchant would work out by hand
        expect(res.data.currency_totals).toEqual([
          { currency_code: "eur", orders: 1, sales: 2399, average: 2399 }, // 19.99 + 20 % VAT = 23.988
          { currency_code: "usd", orders: 2, sales: 5000, average: 2500 }, // 25 + (40 − 15 refunded)
        ])
        expect(res.data.visits).toBe(3)
        expect(res.data.first_order_at).toBe("2026-03-02T10:00:00.000Z")
        expect(res.data.last_order_at).toBe("2026-04-20T08:00:00.000Z")
        expect(res.data.monthly).toEqual([
          { month: "2026-03", currency_code: "usd", sales: 2500, orders: 1 },
          { month: "2026-04", currency_code: "eur", sales: 2399, orders: 1 },
          { month: "2026-04", currency_code: "usd", sales: 2500, orders: 1 },
        ])
        expect(res.data.weekday.map((d: any) => [d.weekday, d.currency_code, d.average])).toEqual([
          [1, "eur", 2399],
          [1, "usd", 2500],
          [3, "usd", 2500],
        ])
        expect(res.data.house_account).toEqual(
          expect.objectContaining({ id: s.house, currency_code: "eur", balance: 0, credit_limit: 50000 })
        )
        expect(res.data.loyalty).toEqual({ points: 0, value: 0, currency_code: "eur" })
      })

      it("a period bounds every figure (to = a whole day)", async () => {
        const res = await get(`/admin/backoffice/customers/${s.ada}/metrics?from=2026-04-01&to=2026-04-30`)
        expect(res.status).toBe(200)
        const expected = await expectedFromSql(knex(), s.ada, "2026-04-01T00:00:00Z", "2026-05-01T00:00:00Z")
        expect(res.data).toEqual(expect.objectContaining(expected))
        expect(res.data.visits).toBe(2)
        expect(res.data.period).toEqual({ from: "2026-04-01T00:00:00.000Z", to: "2026-05-01T00:00:00.000Z" })
      })

      it("loyalty points and their value in minor units of the store currency", async () => {
        const adj = await post(`/admin/backoffice/customers/${s.ada}/loyalty/adjustments`, {
          direction: "add",
          points: 1234,
          reason: "Welcome",
        })
        expect(adj.status).toBeLessThan(300)
        const res = await get(`/admin/backoffice/customers/${s.ada}/metrics`)
        expect(res.data.loyalty).toEqual({ points: 1234, value: 1234, currency_code: "eur" }) // 0.01 EUR a point
      })

      it("a customer without orders: zeros and empty lists", async () => {
        const res = await get(`/admin/backoffice/customers/${s.bob}/metrics?from=2020-01-01&to=2020-12-31`)
        expect(res.status).toBe(200)
        expect(res.data).toEqual(
          expect.objectContaining({ currency_totals: [], visits: 0, first_order_at: null, last_order_at: null, monthly: [], weekday: [] })
        )
        expect(res.data.house_account).toBeUndefined()
      })

      it.each([
        ["from=yesterday", "from"],
        ["from=2026-02-30", "from"],
        ["to=1800-01-01", "to"],
        ["from=2026-05-01&to=2026-04-01", "to"],
        ["since=2026-01-01", "(body)"],
      ])("bad input %s → 400 naming %s", async (qs, field) => {
        const res = await get(`/admin/backoffice/customers/${s.ada}/metrics?${qs}`)
        expect(res.status).toBe(400)
        expect(res.data.errors.map((e: any) => e.field)).toContain(field)
      })

      it("an unknown customer → 404", async () => {
        expect((await get(`/admin/backoffice/customers/cus_nope/metrics`)).status).toBe(404)
      })
    })

    describe("transactions", () => {
      it("lists the customer's orders (drafts left out, canceled at 0), paged and sorted", async () => {
        const res = await get(`/admin/backoffice/customers/${s.ada}/transactions?order=net_total`)
        expect(res.status).toBe(200)
        expect(res.data.count).toBe(4)
        expect(res.data.transactions.map((t: any) => [t.id, t.net_total])).toEqual([
          [s.orders.canceled, 0],
          [s.orders.eur1, 2399],
          ...[
            [s.orders.usd1, 2500],
            [s.orders.usd2, 2500],
          ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
        ])
        const usd2 = res.data.transactions.find((t: any) => t.id === s.orders.usd2)
        expect(usd2).toEqual(expect.objectContaining({ currency_code: "usd", total: 4000, refunded_total: 1500, status: "pending" }))

        const page = await get(`/admin/backoffice/customers/${s.ada}/transactions?order=-created_at&limit=2&offset=1`)
        expect(page.data.count).toBe(4)
        expect(page.data.transactions.map((t: any) => t.id)).toEqual([s.orders.eur1, s.orders.usd2])
      })

      it.each([["limit=0"], ["limit=101"], ["offset=-1"], ["order=email"], ["from=nope"]])("bad input %s → 400", async (qs) => {
        const res = await get(`/admin/backoffice/customers/${s.ada}/transactions?${qs}`)
        expect(res.status).toBe(400)
      })

      it("the receipt: lines, shipping, taxes, refunds and totals in minor units", async () => {
        const res = await get(`/admin/backoffice/customers/${s.ada}/transactions/${s.orders.eur1}`)
        expect(res.status).toBe(200)
        const r = res.data.receipt
        expect(r.lines).toEqual([expect.objectContaining({ title: "Book", quantity: 1, unit_price: 1999, total: 2399, tax_total: 400 })])
        expect(r.taxes).toEqual([{ code: "VAT", rate: 20, amount: 400 }])
        expect(r.totals).toEqual(expect.objectContaining({ total: 2399, net_total: 2399, tax_total: 400 }))
        const usd1 = (await get(`/admin/backoffice/customers/${s.ada}/transactions/${s.orders.usd1}`)).data.receipt
        expect(usd1.shipping).toEqual([expect.objectContaining({ name: "Post", amount: 500 })])
        expect(usd1.totals).toEqual(expect.objectContaining({ item_subtotal: 2000, shipping_total: 500, total: 2500, paid_total: 2500 }))
      })

      it("another customer's order or a draft → 404", async () => {
        expect((await get(`/admin/backoffice/customers/${s.ada}/transactions/${s.bobOrder}`)).status).toBe(404)
        expect((await get(`/admin/backoffice/customers/${s.ada}/transactions/${s.orders.draft}`)).status).toBe(404)
        const send = await post(`/admin/backoffice/customers/${s.ada}/transactions/${s.bobOrder}/send-receipt`, {})
        expect(send.status).toBe(404)
        const none = await getContainer().resolve(Modules.NOTIFICATION).listNotifications({ resource_id: s.bobOrder })
        expect(none).toEqual([])
      })

      it("send-receipt: through the Notification module, to the customer or another address", async () => {
        const res = await post(`/admin/backoffice/customers/${s.ada}/transactions/${s.orders.usd2}/send-receipt`, {})
        expect(res.status).toBe(200)
        const notifications = getContainer().resolve(Modules.NOTIFICATION)
        const [n] = await waitFor(
          async () => {
            const list = await notifications.listNotifications({ id: res.data.notification_id })
            return list.length ? list : null
          },
          { what: "the receipt notification" }
        )
        expect(n).toEqual(
          expect.objectContaining({ template: "customer-backoffice-receipt", resource_id: s.orders.usd2, receiver_id: s.ada })
        )
        expect(n.to).toMatch(/^ada-/)
        expect(n.data.receipt.refunds).toEqual([])
        expect(n.data.receipt.totals).toEqual(expect.objectContaining({ total: 4000, refunded_total: 1500, net_total: 2500 }))
        expect(n.data.formatted.net_total).toBe("25.00 USD")

        const other = await post(`/admin/backoffice/customers/${s.ada}/transactions/${s.orders.usd2}/send-receipt`, {
          email: "books@example.org",
        })
        expect(other.status).toBe(200)
        expect(other.data.to).toBe("books@example.org")
        const bad = await post(`/admin/backoffice/customers/${s.ada}/transactions/${s.orders.usd2}/send-receipt`, {
          email: "not-an-address",
        })
        expect(bad.status).toBe(400)
        expect(bad.data.errors[0].field).toBe("email")
      })
    })
  },
})
