import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { useTestHost } from "../helpers/test-host"
import { customerFileExists } from "../helpers/files"
import { createAdminHeaders } from "../helpers/admin"
import { runJobNow, waitFor } from "../helpers/wait"
import { loadCustomerFileRows } from "../../src/lib/customer-io/customer-rows"
import { EXPORT_COLUMNS, exportColumns, matchHeaders } from "../../src/lib/customer-io/columns"
import { exportIdPages, exportListParams } from "../../src/lib/customer-io/export"
import { listCustomers } from "../../src/lib/customer-list/query"
import ExcelJS from "exceljs"

/** RFC 4180 reader for the test's own checks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ""
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (ch === '"') quoted = false
      else cell += ch
    } else if (ch === '"') quoted = true
    else if (ch === ",") {
      row.push(cell)
      cell = ""
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ""
      i++
    } else cell += ch
  }
  if (cell || row.length) {
    row.push(cell)
    rows.push(row)
  }
  return rows
}

const ROUTES: [string, string][] = [
  ["post", "/admin/backoffice/customer-exports"],
  ["get", "/admin/backoffice/customer-exports"],
  ["get", "/admin/backoffice/customer-exports/bojob_missing"],
  ["get", "/admin/backoffice/customer-exports/bojob_missing/download"],
]

jest.setTimeout(120_000)

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
  // Ada has a loyalty account and two notes (the older one pinned); Bob a loyalty account with no points
  await knex("points_account").insert([
    { id: rid("ptsacc"), customer_id: ada.id, enrolled: true, balance: 1250, code: "ADA1250" },
    { id: rid("ptsacc"), customer_id: bob.id, enrolled: false, balance: 0, code: "BOB0000" },
  ])
  await knex("customer_note").insert([
    { id: rid("cnote"), customer_id: ada.id, body: "Prefers delivery after 5 pm", pinned: true, created_at: "2026-01-05T09:00:00Z" },
    { id: rid("cnote"), customer_id: ada.id, body: "Asked about the\nautumn catalogue", pinned: false, created_at: "2026-02-10T09:00:00Z" },
  ])
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

useTestHost({
  prefix: "cbo-http-export",
  admin: false,
  testSuite: ({ api, getContainer }) => {
    let s: Seed
    beforeAll(async () => {
      s = await seed(getContainer())
    })
    const knex = () => getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION) as Knex
    const get = (url: string, extra: Record<string, unknown> = {}) =>
      api.get(url, { headers: s.headers, validateStatus: () => true, ...extra })
    const post = (url: string, body: object) =>
      api.post(url, body, { headers: s.headers, validateStatus: () => true })

    /** Starts an export and waits for its job to finish; returns the export and its file. */
    async function runExport(body: Record<string, unknown>) {
      const started = await post("/admin/backoffice/customer-exports", body)
      expect(started.status).toBe(202)
      const id = started.data.export.id
      const done = await waitFor(
        async () => {
          const r = await get(`/admin/backoffice/customer-exports/${id}`)
          return ["completed", "failed", "cancelled"].includes(r.data.export?.status) ? r.data.export : null
        },
        { timeoutMs: 60_000, intervalMs: 200, what: "export job" }
      )
      expect(done.status).toBe("completed")
      const file = await get(`/admin/backoffice/customer-exports/${id}/download`, {
        responseType: "arraybuffer",
      })
      expect(file.status).toBe(200)
      return { started: started.data.export, done, file, body: Buffer.from(file.data) }
    }

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
          // no trade account: the trade columns are empty (a trade account's are in customer-roundtrip.spec.ts)
          account_type: "",
          account_code: "",
          trade_company_name: "",
          company_number: "",
          vat_number: "",
          free_delivery: "",
          discount_percent: "",
          price_list: "",
          active: "",
          account: "Registered",
          status: "Registered",
          email_invalid_at: "",
          created_at: "2025-01-02",
          first_purchase: "2025-02-01",
          last_purchase: "2025-06-30",
          order_count: "2",
          loyalty_points: "1250",
        })
      })

      it("leaves empty fields empty and derives status, opt-out and address for the others", async () => {
        const rows = await loadCustomerFileRows(knex(), [s.bob, s.eve, s.guest])
        expect(rows.get(s.bob)).toMatchObject({
          company_name: '=HYPERLINK("http://evil.test","x")',
          status: "In-Store",
          account: "Guest",
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
          loyalty_points: "0",
        })
        expect(rows.get(s.eve)).toMatchObject({
          status: "Pending Approval; Guest",
          email_invalid_at: "2026-03-04",
          categories: "VIP",
          address_1: "",
        })
        expect(rows.get(s.guest)).toMatchObject({ first_name: "", last_name: "", status: "Guest", loyalty_points: "" })
        expect(rows.get(s.guest)).not.toHaveProperty("staff_notes")
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

    describe("authentication", () => {
      it.each(ROUTES)("%s %s answers 401 without an admin session", async (method, url) => {
        const opts = { validateStatus: () => true }
        const res = method === "post" ? await api.post(url, { format: "csv" }, opts) : await api.get(url, opts)
        expect(res.status).toBe(401)
      })
    })

    describe("keyset pages", () => {
      it.each([
        ["created_at", "desc"],
        ["created_at", "asc"],
        ["name", "asc"],
        ["name", "desc"],
        ["email", "asc"],
      ] as const)("walks the filtered set in the list's order (%s %s), one small page at a time", async (sort, direction) => {
        const params = exportListParams({ sort, direction })
        const pages: string[][] = []
        for await (const page of exportIdPages(knex(), params, 1)) pages.push(page)
        const list = await listCustomers(knex(), { sort, direction, limit: 100, offset: 0 })
        expect(pages.every((p) => p.length === 1)).toBe(true)
        expect(pages.flat()).toEqual(list.rows.map((r) => r.id))
      })

      it.each([
        ["total_spent", "desc"],
        ["total_spent", "asc"],
        ["order_count", "desc"],
        ["last_order_at", "desc"],
        ["last_order_at", "asc"],
      ] as const)("walks the list's order by an order column (%s %s), ties and customers without orders included", async (sort, direction) => {
        const all = await listCustomers(knex(), { limit: 100, offset: 0 })
        const ids = all.rows.map((r) => r.id)
        // two customers with the same figures (a tie), one with more, the others without a row
        const row = (customer_id: string, n: number, at: string) => ({
          id: `cussal_test_${customer_id}`,
          customer_id,
          order_count: n,
          total_spent: n * 1000,
          last_order_at: at,
          computed_at: new Date(),
        })
        await knex()("customer_sales").insert([
          row(ids[0], 1, "2026-02-01T10:00:00.123456Z"),
          row(ids[1], 1, "2026-02-01T10:00:00.123456Z"),
          row(ids[2], 3, "2026-03-01T10:00:00Z"),
        ])
        try {
          const pages: string[][] = []
          for await (const page of exportIdPages(knex(), exportListParams({ sort, direction }), 1)) pages.push(page)
          const list = await listCustomers(knex(), { sort, direction, limit: 100, offset: 0 })
          expect(pages.flat()).toEqual(list.rows.map((r) => r.id))
          expect(pages.flat()).toHaveLength(ids.length)
        } finally {
          await knex()("customer_sales").whereIn("customer_id", ids.slice(0, 3)).delete()
        }
      })
    })

    describe("POST /admin/backoffice/customer-exports", () => {
      it("exports the filtered customers as CSV: labels as header, list order, file-format values", async () => {
        const { started, done, file, body } = await runExport({ format: "csv", category: [s.vip], order: "name" })
        expect(started).toMatchObject({ id: expect.stringMatching(/^bojob_/), job: { id: started.id, status: "queued" } })
        expect(done).toMatchObject({
          format: "csv",
          rows: 2,
          total: 2,
          processed: 2,
          progress: 100,
          download_url: `/admin/backoffice/customer-exports/${started.id}/download`,
          file_name: expect.stringMatching(/^customers-\d{8}-\d{4}\.csv$/),
          filters: { category: [s.vip], sort: "name", direction: "asc" },
        })
        expect(file.headers["content-type"]).toMatch(/^text\/csv/)
        expect(file.headers["content-disposition"]).toBe(`attachment; filename="${done.file_name}"`)
        const text = body.toString("utf8")
        expect(text.startsWith("\uFEFF")).toBe(true)
        const rows = parseCsv(text.slice(1))
        expect(rows[0]).toEqual(EXPORT_COLUMNS.map((c) => c.label))
        expect(rows.length).toBe(3)
        const byLabel = (r: string[]) => Object.fromEntries(rows[0].map((h, i) => [h, r[i]]))
        const ada = byLabel(rows[1])
        const eve = byLabel(rows[2])
        expect(ada).toMatchObject({
          Email: "ada@example.com",
          Phone: "'+442079460958",
          Categories: "VIP; Wholesale",
          Stores: "High Street Shop; Web Store",
          "Marketing Opt-Out": "yes",
          Account: "Registered",
          "Date of Birth": "1815-12-10",
          "Referral Source": "Instagram",
          Country: "GB",
          "First Purchase": "2025-02-01",
          "Last Purchase": "2025-06-30",
          Orders: "2",
        })
        expect(eve).toMatchObject({ Email: "eve@example.com", Account: "Guest", Status: "Pending Approval; Guest", Orders: "0" })
      })

      it("neutralises formula-like cells in CSV", async () => {
        const { body } = await runExport({ format: "csv", q: "bob@example.com" })
        const text = body.toString("utf8")
        expect(text).toContain('"\'=HYPERLINK(""http://evil.test"",""x"")"')
        const rows = parseCsv(text.slice(1))
        expect(rows.length).toBe(2)
        const company = rows[1][rows[0].indexOf("Company")]
        expect(company).toBe(`'=HYPERLINK("http://evil.test","x")`)
      })

      it("exports XLSX that spreadsheet software reads as text, never as formulas", async () => {
        const { done, file, body } = await runExport({ format: "xlsx", order: "email" })
        expect(done.rows).toBe(4)
        expect(file.headers["content-type"]).toBe(
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        const wb = new ExcelJS.Workbook()
        await wb.xlsx.load(body as unknown as ArrayBuffer)
        const sheet = wb.getWorksheet("Customers")!
        expect(sheet.rowCount).toBe(5)
        const header = (sheet.getRow(1).values as unknown[]).slice(1)
        expect(header).toEqual(EXPORT_COLUMNS.map((c) => c.label))
        const col = (label: string) => EXPORT_COLUMNS.findIndex((c) => c.label === label) + 1
        // emails in order: ada, bob, eve, guest
        const bobCompany = sheet.getRow(3).getCell(col("Company"))
        expect(bobCompany.text).toBe('=HYPERLINK("http://evil.test","x")')
        expect(bobCompany.formula).toBeUndefined()
        expect([ExcelJS.ValueType.String, ExcelJS.ValueType.RichText]).toContain(bobCompany.type)
        const adaPhone = sheet.getRow(2).getCell(col("Phone"))
        expect(adaPhone.text).toBe("+442079460958")
        expect(adaPhone.formula).toBeUndefined()
        expect(sheet.getRow(2).getCell(col("Orders")).value).toBe(2)
        // no cell of the workbook is a formula
        sheet.eachRow((row) =>
          row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula))
        )
        // and the file itself has no formula element
        const JSZip = require("jszip")
        const zip = await JSZip.loadAsync(body)
        const xml: string = await zip.file("xl/worksheets/sheet1.xml").async("string")
        expect(xml).not.toMatch(/<f[ >]/)
        expect(xml).toContain("=HYPERLINK(&quot;http://evil.test&quot;,&quot;x&quot;)")
      })

      it("writes the loyalty balance always and, when asked, every note; a re-import skips both columns", async () => {
        const plain = parseCsv((await runExport({ format: "csv", q: "ada@example.com" })).body.toString("utf8").slice(1))
        expect(plain[0]).toContain("Loyalty Points")
        expect(plain[0]).not.toContain("Staff Notes")
        expect(plain[1][plain[0].indexOf("Loyalty Points")]).toBe("1250")

        const { done, body } = await runExport({ format: "csv", q: "ada@example.com", include_notes: true })
        expect(done.include_notes).toBe(true)
        const rows = parseCsv(body.toString("utf8").slice(1))
        expect(rows[0]).toEqual(exportColumns({ notes: true }).map((c) => c.label))
        expect(rows[0].slice(-2)).toEqual(["Loyalty Points", "Staff Notes"])
        expect(rows[1][rows[0].indexOf("Staff Notes")]).toBe(
          "2026-01-05: Prefers delivery after 5 pm\n\n2026-02-10: Asked about the\nautumn catalogue"
        )
        expect(rows).toHaveLength(2)

        const xlsx = await runExport({ format: "xlsx", q: "bob@example.com", include_notes: true })
        const wb = new ExcelJS.Workbook()
        await wb.xlsx.load(xlsx.body as unknown as ArrayBuffer)
        const sheet = wb.getWorksheet("Customers")!
        const header = (sheet.getRow(1).values as unknown[]).slice(1)
        expect(header.slice(-2)).toEqual(["Loyalty Points", "Staff Notes"])
        expect(sheet.getRow(2).getCell(header.length - 1).text).toBe("0")
        expect(sheet.getRow(2).getCell(header.length).text).toBe("")

        // the import recognises both headers and leaves them out, saying why
        const matched = matchHeaders(rows[0])
        for (const label of ["Loyalty Points", "Staff Notes"]) {
          expect(matched.find((m) => m.header === label)).toEqual({
            header: label,
            column: null,
            reason: expect.stringMatching(/not through an import|adds a note/),
          })
        }
        expect(matched.find((m) => m.header === "Note")).toBeUndefined()
      })

      it("answers 400 naming include_notes when it is not a yes/no", async () => {
        const bad = await post("/admin/backoffice/customer-exports", { format: "csv", include_notes: "maybe" })
        expect(bad.status).toBe(400)
        expect(bad.data.errors[0].field).toBe("include_notes")
      })

      it("answers 400 for an unknown format or filter and 404 for unknown exports", async () => {
        const bad = await post("/admin/backoffice/customer-exports", { format: "pdf" })
        expect(bad.status).toBe(400)
        expect(bad.data.errors[0].field).toBe("format")
        const unknown = await post("/admin/backoffice/customer-exports", { format: "csv", color: "red" })
        expect(unknown.status).toBe(400)
        expect((await get("/admin/backoffice/customer-exports/bojob_missing")).status).toBe(404)
        expect((await get("/admin/backoffice/customer-exports/bojob_missing/download")).status).toBe(404)
      })

      it("lists recent exports, and the export shows on the Background jobs page", async () => {
        const { started } = await runExport({ format: "csv", status: ["registered"] })
        const list = await get("/admin/backoffice/customer-exports?limit=50")
        expect(list.status).toBe(200)
        expect(list.data.exports.map((e: { id: string }) => e.id)).toContain(started.id)
        const jobs = await get("/admin/backoffice/jobs?type=customer_export.run&limit=50")
        expect(jobs.data.jobs.map((j: { id: string }) => j.id)).toContain(started.id)
        expect(jobs.data.jobs[0].payload).not.toHaveProperty("rows")
      })
    })

    describe("files retention (exportRetentionDays, 7 by default)", () => {
      const fileExists = (key: string) => customerFileExists(getContainer(), key)
      const expireFiles = () =>
        runJobNow({ post, get }, "/admin/backoffice/customer-exports/expire-files", "the files retention job")

      it("deletes export files older than the retention; the export then shows the file as expired", async () => {
        const old = await runExport({ format: "csv" })
        const recent = await runExport({ format: "xlsx" })
        const fileOf = async (id: string) =>
          ((await knex()("backoffice_job").where({ id }).first("result")).result as { file_id: string }).file_id
        const oldFile = await fileOf(old.started.id)
        const recentFile = await fileOf(recent.started.id)
        expect(await fileExists(oldFile)).toBe(true)
        // the first export finished 8 days ago, the second 6 days ago
        const daysAgo = (d: number) => new Date(Date.now() - d * 24 * 3600 * 1000)
        await knex()("backoffice_job").where({ id: old.started.id }).update({ finished_at: daysAgo(8) })
        await knex()("backoffice_job").where({ id: recent.started.id }).update({ finished_at: daysAgo(6) })

        const job = await expireFiles()
        expect(job.status).toBe("completed")
        expect(job.type).toBe("customer_files.expire")
        expect(job.result.exports).toBeGreaterThanOrEqual(1)

        expect(await fileExists(oldFile)).toBe(false)
        expect(await fileExists(recentFile)).toBe(true)
        const expired = (await get(`/admin/backoffice/customer-exports/${old.started.id}`)).data.export
        expect(expired).toEqual(
          expect.objectContaining({ status: "completed", download_url: null, file_expired_at: expect.any(String) })
        )
        const gone = await get(`/admin/backoffice/customer-exports/${old.started.id}/download`)
        expect(gone.status).toBe(410)
        expect(gone.data.message).toMatch(/expired/)
        const kept = (await get(`/admin/backoffice/customer-exports/${recent.started.id}`)).data.export
        expect(kept).toEqual(expect.objectContaining({ file_expired_at: null, download_url: expect.any(String) }))
        expect((await get(`/admin/backoffice/customer-exports/${recent.started.id}/download`)).status).toBe(200)

        // running it again deletes nothing more
        const again = await expireFiles()
        expect(again.result).toEqual(expect.objectContaining({ exports: 0 }))
        expect(await fileExists(recentFile)).toBe(true)
      })

      it("registers the daily schedule where workers run", async () => {
        const jobs = getContainer().resolve("backoffice_jobs") as any
        const schedules = await jobs.runtime.listSchedules()
        expect(schedules.filter((x: any) => x.name === "customer_files.expire.daily")).toEqual([
          expect.objectContaining({ type: "customer_files.expire", pattern: "45 3 * * *", tz: "UTC" }),
        ])
      })
    })
  },
})
