import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { HOST_DIR, setTestEnv } from "../helpers/host"
import { createAdminHeaders } from "../helpers/admin"
import { TEST_REDIS_URL, deleteRedisPrefix } from "../helpers/redis"
import { waitFor } from "../helpers/wait"
import { loadCustomerFileRows } from "../../src/lib/customer-io/customer-rows"
import { EXPORT_COLUMNS } from "../../src/lib/customer-io/columns"

jest.setTimeout(120_000)

const PREFIX = `cbo-http-export-${process.pid}`

const restoreEnv = setTestEnv({
  CBO_QUEUE_PREFIX: PREFIX,
  REDIS_URL: TEST_REDIS_URL,
  ADMIN_DISABLED: "true",
})

type Seed = {
  headers: Record<string, string>
  userId: string
  vip: string
  wholesale: string
  web: string
  shop: string
  ada: string
  bob: string
  eve: string
  guest: string
}

let idCounter = 0
const rid = (prefix: string) => `${prefix}_test${process.pid}x${++idCounter}`

/**
 * - Ada Lovelace: registered, full profile, VIP + Wholesale, stores Web + Shop,
 *   two addresses (the second is the default), opted out, 3 orders (one canceled)
 * - Bob Baker: in store (created by staff), formula-like company, no profile
 * - Eve Evans: guest, pending approval, bounced email
 * - a guest without a name
 */
async function seed(container: MedusaContainer): Promise<Seed> {
  const { headers, user } = await createAdminHeaders(container)
  const customers = container.resolve(Modules.CUSTOMER)
  const channels = container.resolve(Modules.SALES_CHANNEL)
  const knex: Knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)

  const [vip, wholesale] = await customers.createCustomerGroups([{ name: "VIP" }, { name: "Wholesale" }])
  const [web, shop] = await channels.createSalesChannels([{ name: "Web Store" }, { name: "High Street Shop" }])
  const [ada, bob, eve, guest] = await customers.createCustomers([
    {
      first_name: "Ada",
      last_name: "Lovelace",
      email: "ada@example.com",
      phone: "+442079460958",
      company_name: "Analytical Engines",
      has_account: true,
    },
    {
      first_name: "Bob",
      last_name: "Baker",
      email: "bob@example.com",
      company_name: "=HYPERLINK(\"http://evil.test\",\"x\")",
      created_by: user.id,
    },
    { first_name: "Eve", last_name: "Evans", email: "eve@example.com" },
    { email: "guest@example.com" },
  ])
  await customers.addCustomerToGroup([
    { customer_id: ada.id, customer_group_id: wholesale.id },
    { customer_id: ada.id, customer_group_id: vip.id },
    { customer_id: eve.id, customer_group_id: vip.id },
  ])
  await customers.createCustomerAddresses([
    {
      customer_id: ada.id,
      address_1: "Old Street 1",
      city: "Oldtown",
      country_code: "gb",
    },
  ])
  await customers.createCustomerAddresses([
    {
      customer_id: ada.id,
      company: "Engines HQ",
      address_1: "12 St James's Square",
      address_2: "Floor 2",
      city: "London",
      province: "LND",
      postal_code: "SW1Y 4JH",
      country_code: "gb",
      phone: "+442079460000",
      is_default_shipping: true,
    },
    { customer_id: bob.id, address_1: "Bakery Lane 3", city: "Paris", country_code: "fr" },
  ])
  const source = rid("refsrc")
  await knex("referral_source").insert({ id: source, name: "Instagram", rank: 0, active: true })
  await knex("customer_profile").insert([
    {
      id: rid("cprof"),
      customer_id: ada.id,
      title: "Ms",
      gender: "female",
      date_of_birth: "1815-12-10T00:00:00Z",
      anniversary: "2024-05-01T00:00:00Z",
      nationality: "gb",
      gate_code: "4711",
      customer_number: "C-1001",
      alt_phone: "+14155550199",
      referral_source_id: source,
      origin: "storefront",
    },
    {
      id: rid("cprof"),
      customer_id: eve.id,
      origin: "checkout",
      status_override: "pending_approval",
      email_invalid_at: "2026-03-04T10:00:00Z",
    },
  ])
  await knex("customer_consent").insert({ id: rid("ccons"), customer_id: ada.id, marketing_opt_out: true })
  // New customers get every store (a subscriber): wait for it, then set our own.
  const all = [ada.id, bob.id, eve.id, guest.id]
  await waitFor(
    async () =>
      (
        await knex("customer_customer_sales_channel_sales_channel")
          .whereIn("customer_id", all)
          .countDistinct({ n: "customer_id" })
      )[0].n == all.length,
    { what: "default stores" }
  )
  await knex("customer_customer_sales_channel_sales_channel").whereIn("customer_id", all).delete()
  await knex("customer_customer_sales_channel_sales_channel").insert([
    { id: rid("cuscs"), customer_id: ada.id, sales_channel_id: web.id },
    { id: rid("cuscs"), customer_id: ada.id, sales_channel_id: shop.id },
    { id: rid("cuscs"), customer_id: eve.id, sales_channel_id: web.id },
  ])
  await knex("customer").where({ id: ada.id }).update({ created_at: "2025-01-02T12:00:00Z" })

  const orders = container.resolve(Modules.ORDER)
  const made = await orders.createOrders([
    { currency_code: "usd", customer_id: ada.id, email: "ada@example.com" },
    { currency_code: "usd", customer_id: ada.id, email: "ada@example.com" },
    { currency_code: "usd", customer_id: ada.id, email: "ada@example.com" },
  ])
  const dates = ["2025-02-01T10:00:00Z", "2025-06-30T23:30:00Z", "2025-09-01T10:00:00Z"]
  for (let i = 0; i < made.length; i++) {
    await knex("order").where({ id: made[i].id }).update({ created_at: dates[i] })
  }
  // the latest one is canceled: not a purchase
  await knex("order").where({ id: made[2].id }).update({ status: "canceled", canceled_at: "2025-09-02T00:00:00Z" })

  return {
    headers,
    userId: user.id,
    vip: vip.id,
    wholesale: wholesale.id,
    web: web.id,
    shop: shop.id,
    ada: ada.id,
    bob: bob.id,
    eve: eve.id,
    guest: guest.id,
  }
}

medusaIntegrationTestRunner({
  cwd: HOST_DIR,
  testSuite: ({ getContainer }) => {
    let s: Seed
    beforeAll(async () => {
      s = await seed(getContainer())
    })
    afterAll(async () => {
      restoreEnv()
      await deleteRedisPrefix(PREFIX)
    })

    const knex = () => getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION) as Knex

    describe("loadCustomerFileRows", () => {
      it("gives every export column of each customer in file format", async () => {
        const rows = await loadCustomerFileRows(knex(), [s.ada, s.bob, s.eve, s.guest])
        expect([...rows.keys()]).toEqual([s.ada, s.bob, s.eve, s.guest])
        for (const row of rows.values()) {
          expect(Object.keys(row).sort()).toEqual(EXPORT_COLUMNS.map((c) => c.key).sort())
        }
        expect(rows.get(s.ada)).toEqual({
          email: "ada@example.com",
          first_name: "Ada",
          last_name: "Lovelace",
          company_name: "Analytical Engines",
          phone: "+442079460958",
          alt_phone: "+14155550199",
          title: "Ms",
          gender: "female",
          date_of_birth: "1815-12-10",
          anniversary: "2024-05-01",
          nationality: "GB",
          customer_number: "C-1001",
          gate_code: "4711",
          referral_source: "Instagram",
          address_company: "Engines HQ",
          address_1: "12 St James's Square",
          address_2: "Floor 2",
          city: "London",
          province: "LND",
          postal_code: "SW1Y 4JH",
          country_code: "GB",
          address_phone: "+442079460000",
          categories: "VIP; Wholesale",
          stores: "High Street Shop; Web Store",
          marketing_opt_out: "yes",
          status: "Registered",
          email_invalid_at: "",
          created_at: "2025-01-02",
          first_purchase: "2025-02-01",
          last_purchase: "2025-06-30",
          order_count: "2",
        })
      })

      it("leaves empty fields empty and derives status, opt-out and address for the others", async () => {
        const rows = await loadCustomerFileRows(knex(), [s.bob, s.eve, s.guest])
        expect(rows.get(s.bob)).toMatchObject({
          company_name: '=HYPERLINK("http://evil.test","x")',
          status: "In-Store",
          marketing_opt_out: "no",
          address_1: "Bakery Lane 3",
          country_code: "FR",
          categories: "",
          stores: "",
          title: "",
          date_of_birth: "",
          first_purchase: "",
          last_purchase: "",
          order_count: "0",
        })
        expect(rows.get(s.eve)).toMatchObject({
          status: "Pending Approval; Guest",
          email_invalid_at: "2026-03-04",
          categories: "VIP",
          address_1: "",
        })
        expect(rows.get(s.guest)).toMatchObject({ first_name: "", last_name: "", status: "Guest" })
      })

      it("skips unknown and deleted customers, repeats and empty input", async () => {
        expect((await loadCustomerFileRows(knex(), [])).size).toBe(0)
        const rows = await loadCustomerFileRows(knex(), ["cus_missing", s.bob, s.bob])
        expect([...rows.keys()]).toEqual([s.bob])
        await knex()("customer").where({ id: s.bob }).update({ deleted_at: new Date() })
        expect((await loadCustomerFileRows(knex(), [s.bob])).size).toBe(0)
        await knex()("customer").where({ id: s.bob }).update({ deleted_at: null })
      })

      it("runs a fixed number of queries whatever the number of customers", async () => {
        const queries: string[] = []
        const k = knex()
        const onQuery = (q: { sql: string }) => queries.push(q.sql)
        k.on("query", onQuery)
        try {
          await loadCustomerFileRows(k, [s.ada])
          const one = queries.length
          queries.length = 0
          await loadCustomerFileRows(k, [s.ada, s.bob, s.eve, s.guest])
          expect(queries.length).toBe(one)
          expect(one).toBeLessThanOrEqual(6)
        } finally {
          k.off("query", onQuery)
        }
      })
    })
  },
})
