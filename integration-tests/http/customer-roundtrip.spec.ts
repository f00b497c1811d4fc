import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { useTestHost } from "../helpers/test-host"
import { createAdminHeaders } from "../helpers/admin"
import { waitFor } from "../helpers/wait"
import { loadCustomerFileRows } from "../../src/lib/customer-io/customer-rows"
import { EXPORT_COLUMNS } from "../../src/lib/customer-io/columns"
import { csvRow } from "../../src/lib/csv"

jest.setTimeout(180_000)

let n = 0
const rid = (prefix: string) => `${prefix}_rt${process.pid}x${++n}`

/**
 * Customers that exercise every column of the file: full profiles, phones,
 * default and other addresses, categories, a subset of stores, opt-outs,
 * accents, quotes, commas and line breaks, formula-like text, orders.
 */
async function seed(container: MedusaContainer) {
  const { headers } = await createAdminHeaders(container)
  const customers = container.resolve(Modules.CUSTOMER)
  const channels = container.resolve(Modules.SALES_CHANNEL)
  const knex: Knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)

  const [vip, wholesale] = await customers.createCustomerGroups([{ name: "VIP" }, { name: "Wholesale" }])
  const [web, shop] = await channels.createSalesChannels([{ name: "Web Store" }, { name: "High Street Shop" }])
  const created = await customers.createCustomers([
    {
      first_name: "Ada",
      last_name: "Lovelace",
      email: "ada@example.com",
      phone: "+442079460958",
      company_name: "=SUM(A1:A2)",
      has_account: true,
    },
    {
      first_name: "Zoë",
      last_name: "Ångström-O'Neil",
      email: "zoe@example.com",
      phone: "+33142685300",
      company_name: "@Risk, \"Quoted\" & Co",
    },
    { email: "only.email@example.com" },
    {
      first_name: "Bob",
      last_name: "-Minus",
      email: "bob@example.com",
      phone: "+4930901820",
      company_name: "+Plus GmbH",
    },
    { first_name: "Tab", last_name: "Starts", email: "tab@example.com", company_name: "\tTabbed Ltd" },
    // a guest checkout with the registered account's email (core Medusa allows the pair)
    { first_name: "Ada", last_name: "Guest", email: "ada@example.com", phone: "+442079461111", has_account: false },
  ])
  const [ada, zoe, only, bob, tab, adaGuest] = created
  await customers.addCustomerToGroup([
    { customer_id: ada.id, customer_group_id: vip.id },
    { customer_id: ada.id, customer_group_id: wholesale.id },
    { customer_id: zoe.id, customer_group_id: wholesale.id },
  ])
  await customers.createCustomerAddresses([
    { customer_id: ada.id, address_1: "Old Street 1", city: "Oldtown", country_code: "gb" },
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
    {
      customer_id: zoe.id,
      address_1: "Flat 2, \"The Old Mill\"",
      address_2: "-2 floors, =ring twice",
      city: "Paris",
      postal_code: "75001",
      country_code: "fr",
      is_default_shipping: true,
    },
    { customer_id: bob.id, address_1: "Unter den Linden 1", city: "Berlin", country_code: "de", postal_code: "10117" },
  ])
  const source = rid("refsrc")
  await knex("referral_source").insert({ id: source, name: "Instagram", rank: 0, active: true })
  await knex("customer_profile").insert([
    {
      id: rid("cprof"),
      customer_id: ada.id,
      title: "Ms",
      gender: "female",
      date_of_birth: "1985-12-10T00:00:00Z",
      anniversary: "2024-05-01T00:00:00Z",
      nationality: "GB",
      gate_code: "4711",
      customer_number: "C-1001",
      alt_phone: "+33142685301",
      referral_source_id: source,
      origin: "storefront",
    },
    {
      id: rid("cprof"),
      customer_id: zoe.id,
      title: "Dr",
      gender: "other",
      date_of_birth: "1990-02-28T00:00:00Z",
      nationality: "FR",
      customer_number: "=C-2",
      gate_code: "+12#",
      origin: "admin",
    },
    { id: rid("cprof"), customer_id: bob.id, gender: "male", origin: "import" },
  ])
  await knex("customer_consent").insert([
    { id: rid("ccons"), customer_id: ada.id, marketing_opt_out: true },
    { id: rid("ccons"), customer_id: bob.id, marketing_opt_out: false },
  ])
  // New customers get every store (a subscriber): wait for it, then give some a subset.
  const ids = created.map((c) => c.id)
  await waitFor(
    async () =>
      (
        await knex("customer_customer_sales_channel_sales_channel")
          .whereIn("customer_id", ids)
          .countDistinct({ n: "customer_id" })
      )[0].n == ids.length,
    { what: "default stores" }
  )
  await knex("customer_customer_sales_channel_sales_channel").whereIn("customer_id", [ada.id, zoe.id]).delete()
  await knex("customer_customer_sales_channel_sales_channel").insert([
    { id: rid("cuscs"), customer_id: ada.id, sales_channel_id: web.id },
    { id: rid("cuscs"), customer_id: ada.id, sales_channel_id: shop.id },
    { id: rid("cuscs"), customer_id: zoe.id, sales_channel_id: shop.id },
  ])
  const orders = container.resolve(Modules.ORDER)
  await orders.createOrders([
    { currency_code: "usd", customer_id: ada.id, email: "ada@example.com" },
    { currency_code: "usd", customer_id: bob.id, email: "bob@example.com" },
  ])
  return { headers, ids: { ada: ada.id, zoe: zoe.id, only: only.id, bob: bob.id, tab: tab.id, adaGuest: adaGuest.id } }
}

useTestHost({
  prefix: "cbo-http-roundtrip",
  admin: false,
  testSuite: ({ api, getContainer }) => {
    let s: Awaited<ReturnType<typeof seed>>
    let priceListId: string
    beforeAll(async () => {
      s = await seed(getContainer())
      // Ada is a trade account with every term (through the Account widget's route: groups and promotions in step)
      const [pl] = await getContainer()
        .resolve(Modules.PRICING)
        .createPriceLists([{ title: "Trade prices", description: "Trade", status: "active" as any }])
      priceListId = pl.id
      const set = await api.post(
        `/admin/backoffice/customers/${s.ids.ada}/account`,
        {
          account_type: "trade",
          account_code: "ae-001",
          company_name: "Analytical Engines Ltd",
          company_number: "01234567",
          vat_number: "DE 136 695 976",
          free_delivery: true,
          discount_percent: 12.5,
          price_list_id: pl.id,
          active: true,
        },
        { headers: s.headers }
      )
      expect(set.status).toBe(200)
    })
    const opts = () => ({ headers: s.headers, validateStatus: () => true })

    it("an exported CSV re-imports with zero changes", async () => {
      // export every customer as CSV
      const started = await api.post("/admin/backoffice/customer-exports", { format: "csv" }, opts())
      expect(started.status).toBe(202)
      const exportId = started.data.export.id
      await waitFor(
        async () =>
          (await api.get(`/admin/backoffice/customer-exports/${exportId}`, opts())).data.export?.status ===
          "completed",
        { timeoutMs: 60_000, intervalMs: 200, what: "export" }
      )
      const file = await api.get(`/admin/backoffice/customer-exports/${exportId}/download`, {
        ...opts(),
        responseType: "arraybuffer",
      })
      expect(file.status).toBe(200)
      const csv = Buffer.from(file.data)
      // formula-like values are neutralised in the file
      expect(csv.toString("utf8")).toContain(`"'=SUM(A1:A2)"`)
      expect(csv.toString("utf8")).toContain(`"'+Plus GmbH"`)
      // the trade account's columns: filled for Ada, empty for a retail customer
      const text = csv.toString("utf8")
      const tradeHeaders = ["Account Type", "Account Code", "Trade Company", "Company Number", "VAT Number", "Free Delivery", "Discount %", "Price List", "Active"]
      const headerCells = text.replace(/^\uFEFF/, "").split(/\r?\n/)[0].split(",").map((h) => h.replace(/^"|"$/g, ""))
      expect(headerCells).toEqual(expect.arrayContaining(tradeHeaders))
      expect(text).toContain("AE-001")
      expect(text).toContain("DE136695976")
      const knex: Knex = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const fileRows = await loadCustomerFileRows(knex, [s.ids.ada, s.ids.bob])
      const tradeKeys = ["account_type", "account_code", "trade_company_name", "company_number", "vat_number", "free_delivery", "discount_percent", "price_list", "active"]
      expect(tradeKeys.map((k) => fileRows.get(s.ids.ada)![k])).toEqual([
        "trade", "AE-001", "Analytical Engines Ltd", "01234567", "DE136695976", "yes", "12.50", "Trade prices", "yes",
      ])
      expect(tradeKeys.map((k) => fileRows.get(s.ids.bob)![k])).toEqual(tradeKeys.map(() => ""))
      expect(priceListId).toBeTruthy()

      // the upload screen learns the size limit from the runs list
      const list = await api.get("/admin/backoffice/customer-imports?limit=1", opts())
      expect(list.data.max_file_size).toBe(50 * 1024 * 1024)

      // upload the same file to an import (uploadAndReview is defined below, with the other tests' helpers)
      const { run, rows: reviewed } = await uploadAndReview(csv, "customers-export.csv")
      const rows = reviewed as { row_number: number; action: string; errors: unknown; values: Record<string, string> }[]
      const changed = rows.filter((r) => r.action !== "unchanged")
      // the rows that would change, with why, when this fails
      expect(changed).toEqual([])
      expect(run.status).toBe("review")
      expect(run.counts).toMatchObject({ rows: 6, new: 0, update: 0, invalid: 0, unchanged: 6, duplicate: 0 })
      // the registered account and the guest sharing ada@example.com each match their own row
      const byCustomer = (rows as unknown as { customer_id: string; values: Record<string, string> }[])
        .filter((r) => r.values.email === "ada@example.com")
        .map((r) => [r.values.account, r.customer_id])
        .sort()
      expect(byCustomer).toEqual([
        ["Guest", s.ids.adaGuest],
        ["Registered", s.ids.ada],
      ])
      // every importable column of the export is mapped back, the trade account's included (Ada's terms
      // re-import unchanged); the computed ones are left out with a reason
      const unmapped = run.mapping.filter((m: { column: string | null }) => !m.column)
      expect(unmapped.map((m: { header: string }) => m.header).sort()).toEqual(
        ["Created", "First Purchase", "Invalid Date", "Last Purchase", "Orders", "Status", "Loyalty Points"].sort()
      )
      expect(unmapped.find((m: { header: string }) => m.header === "Loyalty Points").reason).toMatch(/points ledger/)
      const mapped = run.mapping.filter((m: { column: string | null }) => m.column).map((m: { header: string }) => m.header)
      expect(mapped).toEqual(expect.arrayContaining(tradeHeaders))
    })

    const uploadAndReview = async (content: string, name: string) => {
      const form = new FormData()
      form.append("file", new Blob([content], { type: "text/csv" }), name)
      const uploaded = await api.post("/admin/backoffice/customer-imports", form, opts())
      expect(uploaded.status).toBe(201)
      const runId = uploaded.data.import_run.id
      const run = await waitFor(
        async () => {
          const r = (await api.get(`/admin/backoffice/customer-imports/${runId}`, opts())).data.import_run
          return ["review", "failed"].includes(r?.status) ? r : null
        },
        { timeoutMs: 90_000, intervalMs: 250, what: "import review" }
      )
      const rows = (await api.get(`/admin/backoffice/customer-imports/${runId}/rows?filter=all&limit=100`, opts()))
        .data.rows as any[]
      return { run, rows }
    }

    it("without an Account column both rows of a shared email match the registered account (duplicates)", async () => {
      const knex: Knex = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const current = await loadCustomerFileRows(knex, [s.ids.ada, s.ids.adaGuest])
      const columns = EXPORT_COLUMNS.filter((c) => c.key !== "account")
      const content =
        csvRow(columns.map((c) => c.label)) +
        [s.ids.ada, s.ids.adaGuest].map((id) => csvRow(columns.map((c) => current.get(id)![c.key]))).join("")
      const { run, rows } = await uploadAndReview(content, "no-account.csv")
      expect(run.status).toBe("review")
      expect(rows.map((r) => r.customer_id)).toEqual([s.ids.ada, s.ids.ada])
      // the last row wins, as before
      expect(rows[0]).toEqual(expect.objectContaining({ excluded: true, duplicate_of: 3 }))
      expect(rows[1]).toEqual(expect.objectContaining({ excluded: false, action: "update" }))
      expect(run.counts).toMatchObject({ rows: 2, duplicate: 1, update: 1 })
    })

    it("the Account column matches only that kind of customer; Registered needs a registered account", async () => {
      const content =
        "Email,First Name,Account\r\n" +
        "zoe@example.com,Zoe,Registered\r\n" + // zoe has only a guest record
        "tab@example.com,Tab,Guest\r\n" + // the guest itself
        "ada@example.com,Ada,Sometimes\r\n" +
        "ADA@example.com,Ada,guest\r\n" + // the guest, not the registered account
        "ada@example.com,Ada,Registered\r\n" +
        "ada@example.com,Ada Lovelace,\r\n" // empty: the registered account first — the same customer as above

      const { rows } = await uploadAndReview(content, "accounts.csv")
      expect(rows[0].action).toBe("invalid")
      expect(rows[0].errors.account).toMatch(/No registered account has this email/)
      expect(rows[1]).toEqual(expect.objectContaining({ action: "unchanged", customer_id: s.ids.tab }))
      expect(rows[2].errors.account).toMatch(/not Registered or Guest/)
      expect(rows[3]).toEqual(
        expect.objectContaining({ action: "unchanged", customer_id: s.ids.adaGuest, duplicate_of: null, excluded: false })
      )
      // rows writing one customer are duplicates whatever their Account cell: the last one wins
      expect(rows[4]).toEqual(expect.objectContaining({ customer_id: s.ids.ada, excluded: true, duplicate_of: 7 }))
      expect(rows[5]).toEqual(expect.objectContaining({ customer_id: s.ids.ada, excluded: false, duplicate_of: null }))
    })
  },
})
