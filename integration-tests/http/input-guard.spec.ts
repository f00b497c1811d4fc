import { Readable } from "stream"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { useTestHost } from "../helpers/test-host"
import { createAdminHeaders, createCustomerHeaders } from "../helpers/admin"
import { openCustomerFile } from "../../src/lib/customer-io/read"
import { createRun, stageFile } from "../../src/lib/customer-import/pipeline"
import { loadImportContext } from "../../src/lib/customer-import/validate"

jest.setTimeout(180_000)

const ok = { validateStatus: () => true }

/** Strings every route must refuse: a NUL byte and a right-to-left override. */
const BAD: [string, string][] = [
  ["NUL", "Ada\u0000"],
  ["U+202E", "Ada\u202Eevil"],
]

/** Tables a refused request must leave as they were (row count and latest update). */
const TABLES = [
  "customer",
  "customer_address",
  "customer_group",
  "customer_group_customer",
  "customer_profile",
  "customer_note",
  "customer_note_revision",
  "category_detail",
  "referral_source",
  "customer_consent",
  "consent_event",
  "mailing_subscription",
  "points_account",
  "points_entry",
  "import_run",
  "import_row",
  "backoffice_job",
  "timeline_entry",
]

type Ids = {
  customer: string
  note: string
  category: string
  source: string
  run: string
  row: string
}

type Case = {
  name: string
  method: "get" | "post"
  /** url (query string included) */
  url: (ids: Ids, bad: string) => string
  body?: (ids: Ids, bad: string) => Record<string, unknown>
  field: string
  store?: boolean
}

const q = encodeURIComponent

/** Admin and store routes with a string field; each is sent NUL and U+202E. */
const STRING_CASES: Case[] = [
  { name: "admin profile", method: "post", url: (i) => `/admin/backoffice/customers/${i.customer}/profile`, body: (_, b) => ({ first_name: b }), field: "first_name" },
  { name: "admin profile gate code", method: "post", url: (i) => `/admin/backoffice/customers/${i.customer}/profile`, body: (_, b) => ({ gate_code: b }), field: "gate_code" },
  { name: "new note", method: "post", url: (i) => `/admin/backoffice/customers/${i.customer}/notes`, body: (_, b) => ({ body: b }), field: "body" },
  { name: "note edit", method: "post", url: (i) => `/admin/backoffice/customers/${i.customer}/notes/${i.note}`, body: (_, b) => ({ body: b }), field: "body" },
  { name: "new category", method: "post", url: () => `/admin/backoffice/categories`, body: (_, b) => ({ name: b }), field: "name" },
  { name: "category edit", method: "post", url: (i) => `/admin/backoffice/categories/${i.category}`, body: (_, b) => ({ description: b }), field: "description" },
  { name: "category members", method: "post", url: (i) => `/admin/backoffice/categories/${i.category}/customers`, body: (i, b) => ({ add: [i.customer, b] }), field: "add.1" },
  { name: "customer's categories", method: "post", url: (i) => `/admin/backoffice/customers/${i.customer}/categories`, body: (_, b) => ({ category_ids: [b] }), field: "category_ids.0" },
  { name: "customer's stores", method: "post", url: (i) => `/admin/backoffice/customers/${i.customer}/stores`, body: (_, b) => ({ sales_channel_ids: [b] }), field: "sales_channel_ids.0" },
  { name: "bulk stores", method: "post", url: () => `/admin/backoffice/customers/stores`, body: (i, b) => ({ customer_ids: [i.customer], add: [b] }), field: "add.0" },
  { name: "new referral source", method: "post", url: () => `/admin/backoffice/referral-sources`, body: (_, b) => ({ name: b }), field: "name" },
  { name: "referral source edit", method: "post", url: (i) => `/admin/backoffice/referral-sources/${i.source}`, body: (_, b) => ({ name: b }), field: "name" },
  { name: "points adjustment reason", method: "post", url: (i) => `/admin/backoffice/customers/${i.customer}/loyalty/adjustments`, body: (_, b) => ({ direction: "add", points: 5, reason: b }), field: "reason" },
  { name: "loyalty code", method: "post", url: (i) => `/admin/backoffice/customers/${i.customer}/loyalty`, body: (_, b) => ({ code: b }), field: "code" },
  { name: "admin subscription", method: "post", url: (i) => `/admin/backoffice/customers/${i.customer}/subscriptions`, body: (_, b) => ({ customer_group_id: b, status: "confirmed" }), field: "customer_group_id" },
  { name: "email bounce", method: "post", url: () => `/admin/backoffice/customers/email-bounces`, body: (_, b) => ({ email: `x${b}@example.com` }), field: "email" },
  { name: "customer list search", method: "get", url: (_, b) => `/admin/backoffice/customers?q=${q(b)}`, field: "q" },
  { name: "customer list category", method: "get", url: (_, b) => `/admin/backoffice/customers?category=${q(b)}`, field: "category" },
  { name: "removed customers search", method: "get", url: (_, b) => `/admin/backoffice/customers/removed?q=${q(b)}`, field: "q" },
  { name: "category search", method: "get", url: (_, b) => `/admin/backoffice/categories?q=${q(b)}`, field: "q" },
  { name: "timeline kinds", method: "get", url: (i, b) => `/admin/backoffice/customers/${i.customer}/timeline?kind=${q(b)}`, field: "kind" },
  { name: "jobs list", method: "get", url: (_, b) => `/admin/backoffice/jobs?type=${q(b)}`, field: "type" },
  { name: "export search", method: "post", url: () => `/admin/backoffice/customer-exports`, body: (_, b) => ({ q: b }), field: "q" },
  { name: "export category", method: "post", url: () => `/admin/backoffice/customer-exports`, body: (_, b) => ({ category: [b] }), field: "category.0" },
  { name: "import row edit", method: "post", url: (i) => `/admin/backoffice/customer-imports/${i.run}/rows/${i.row}`, body: (_, b) => ({ values: { first_name: b } }), field: "values.first_name" },
  { name: "import mapping", method: "post", url: (i) => `/admin/backoffice/customer-imports/${i.run}/mapping`, body: (_, b) => ({ mapping: { Email: b } }), field: "mapping.Email" },
  { name: "Medusa's customer create", method: "post", url: () => `/admin/customers`, body: (_, b) => ({ email: `new-${Date.now()}@example.com`, first_name: b }), field: "first_name" },
  { name: "Medusa's customer update", method: "post", url: (i) => `/admin/customers/${i.customer}`, body: (_, b) => ({ last_name: b }), field: "last_name" },
  { name: "a path segment", method: "get", url: (i, b) => `/admin/backoffice/customers/${q(b)}/profile`, field: "(path)" },
  { name: "store profile", method: "post", url: () => `/store/backoffice/profile`, body: (_, b) => ({ gate_code: b }), field: "gate_code", store: true },
  { name: "store subscription", method: "post", url: () => `/store/backoffice/subscriptions`, body: (_, b) => ({ customer_group_id: b }), field: "customer_group_id", store: true },
  { name: "store subscription confirm", method: "post", url: () => `/store/backoffice/subscriptions/confirm`, body: (_, b) => ({ token: b }), field: "token", store: true },
  { name: "store loyalty history kinds", method: "get", url: (_, b) => `/store/backoffice/loyalty/history?kind=${q(b)}`, field: "kind", store: true },
  { name: "store cart points", method: "post", url: () => `/store/backoffice/loyalty/cart-redemption`, body: (_, b) => ({ cart_id: b, points: 10 }), field: "cart_id", store: true },
  { name: "Medusa's store customer update", method: "post", url: () => `/store/customers/me`, body: (_, b) => ({ first_name: b }), field: "first_name", store: true },
]

/** Dates out of range or not of the calendar. */
const DATE_CASES: (Omit<Case, "url" | "body"> & { url: (i: Ids) => string; body?: (i: Ids) => Record<string, unknown> })[] = [
  { name: "list created_from far in the past", method: "get", url: () => `/admin/backoffice/customers?created_from=-200000-01-01`, field: "created_from" },
  { name: "list created_to not a day", method: "get", url: () => `/admin/backoffice/customers?created_to=2026-02-31`, field: "created_to" },
  { name: "list created_from as words", method: "get", url: () => `/admin/backoffice/customers?created_from=March%207`, field: "created_from" },
  { name: "loyalty history from", method: "get", url: (i) => `/admin/backoffice/customers/${i.customer}/loyalty/history?from=-200000-01-01`, field: "from" },
  { name: "loyalty history to", method: "get", url: (i) => `/admin/backoffice/customers/${i.customer}/loyalty/history?to=%2B275760-09-13`, field: "to" },
  { name: "export created_from", method: "post", url: () => `/admin/backoffice/customer-exports`, body: () => ({ created_from: "-200000-01-01" }), field: "created_from" },
  { name: "export created_to", method: "post", url: () => `/admin/backoffice/customer-exports`, body: () => ({ created_to: "2026-02-30" }), field: "created_to" },
  { name: "export unknown category", method: "post", url: () => `/admin/backoffice/customer-exports`, body: () => ({ category: ["cusgroup_missing"] }), field: "category" },
  { name: "export unknown store", method: "post", url: () => `/admin/backoffice/customer-exports`, body: () => ({ store: ["sc_missing"] }), field: "store" },
  { name: "bounce attempted_at", method: "post", url: () => `/admin/backoffice/customers/email-bounces`, body: () => ({ email: "bounce@example.com", attempted_at: "-200000-01-01T00:00:00Z" }), field: "attempted_at" },
  { name: "admin date of birth before 1900", method: "post", url: (i) => `/admin/backoffice/customers/${i.customer}/profile`, body: () => ({ date_of_birth: "-200000-01-01" }), field: "date_of_birth" },
  { name: "admin anniversary in the year 3000", method: "post", url: (i) => `/admin/backoffice/customers/${i.customer}/profile`, body: () => ({ anniversary: "3000-01-01" }), field: "anniversary" },
  { name: "store date of birth tomorrow", method: "post", url: () => `/store/backoffice/profile`, body: () => ({ date_of_birth: new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10) }), field: "date_of_birth", store: true },
  { name: "store loyalty history from", method: "get", url: () => `/store/backoffice/loyalty/history?from=-200000-01-01`, field: "from", store: true },
]

useTestHost({
  prefix: "cbo-http-guard",
  admin: "once",
  env: {
    CBO_DEFAULT_COUNTRY: "US",
  },
  testSuite: ({ api, getContainer, session }) => {
    const admin = session.headers
    let shopper: Record<string, string>
    let ids: Ids
    const knex = (): Knex => getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)

    const snapshot = async () => {
      const { rows } = await knex().raw(
        TABLES.map((t) => `select '${t}' as t, count(*)::int as n, max(updated_at)::text as at from ${t}`).join(" union all ")
      )
      return rows
    }

    const send = (c: { method: "get" | "post"; store?: boolean }, url: string, body?: Record<string, unknown>) => {
      const headers = c.store ? shopper : admin
      return c.method === "get" ? api.get(url, { headers, ...ok }) : api.post(url, body ?? {}, { headers, ...ok })
    }

    const expectRefused = (res: { status: number; data: any }, field: string) => {
      expect({ status: res.status, type: res.data?.type }).toEqual({ status: 400, type: "invalid_data" })
      expect(res.data.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]))
      expect(res.data.message).toContain(field)
    }

    beforeAll(async () => {
      const container = getContainer()
      const shop = await createCustomerHeaders(container)
      shopper = shop.headers
      const customer = (await api.post("/admin/customers", { email: `guard-${Date.now()}@example.com`, first_name: "Grace" }, { headers: admin })).data.customer
      const note = (await api.post(`/admin/backoffice/customers/${customer.id}/notes`, { body: "Prefers email" }, { headers: admin })).data.note
      const category = (await api.post("/admin/backoffice/categories", { name: "Guarded" }, { headers: admin })).data.category
      const source = (await api.post("/admin/backoffice/referral-sources", { name: "Radio" }, { headers: admin })).data.referral_source
      const db = knex()
      const ctx = await loadImportContext(db, { defaultCountry: "US", emailRequired: true })
      const run = await createRun(db, { file_name: "guard.csv" })
      const opened = await openCustomerFile(Readable.from([Buffer.from("Email,First Name\r\nrow@example.com,Row\r\n")]))
      await stageFile(db, run, opened, ctx)
      // in review: an edit that passed the guard would be written
      await db("import_run").where({ id: run }).update({ status: "review" })
      const [row] = await db("import_row").where({ run_id: run }).select("id")
      ids = { customer: customer.id, note: note.id, category: category.id, source: source.id, run, row: row.id }
    })

    describe("strings with a NUL byte or a bidirectional override", () => {
      const table = STRING_CASES.flatMap((c) => BAD.map(([label, bad]) => [`${c.name} (${label})`, c, bad] as const))

      it.each(table)("%s → 400 naming the field, nothing written", async (_name, c, bad) => {
        const before = await snapshot()
        const res = await send(c, c.url(ids, bad), c.body?.(ids, bad))
        expectRefused(res, c.field)
        expect(await snapshot()).toEqual(before)
      })

      it("tab and line breaks: kept in a note, refused in a name", async () => {
        const note = await api.post(
          `/admin/backoffice/customers/${ids.customer}/notes`,
          { body: "Line 1\n\tLine 2\r\nLine 3" },
          { headers: admin }
        )
        expect(note.data.note.body).toBe("Line 1\n\tLine 2\r\nLine 3")
        const before = await snapshot()
        const res = await api.post("/admin/backoffice/referral-sources", { name: "Two\nlines" }, { headers: admin, ...ok })
        expectRefused(res, "name")
        expect(res.data.errors[0].message).toContain("single line")
        expect(await snapshot()).toEqual(before)
      })

      it("ordinary text in other scripts and right-to-left languages is accepted", async () => {
        const res = await api.post(
          `/admin/backoffice/customers/${ids.customer}/profile`,
          { first_name: "שלום", last_name: "Łódź 東京 🎉" },
          { headers: admin, ...ok }
        )
        expect(res.status).toBe(200)
        const customers = getContainer().resolve(Modules.CUSTOMER)
        const [c] = await customers.listCustomers({ id: ids.customer })
        expect([c.first_name, c.last_name]).toEqual(["שלום", "Łódź 東京 🎉"])
      })
    })

    describe("dates", () => {
      it.each(DATE_CASES.map((c) => [c.name, c] as const))("%s → 400 naming the field, nothing written", async (_n, c) => {
        const before = await snapshot()
        const res = await send(c, c.url(ids), c.body?.(ids))
        expectRefused(res, c.field)
        expect(await snapshot()).toEqual(before)
      })

      it("dates within 1900–2200 still filter", async () => {
        const res = await api.get(
          `/admin/backoffice/customers?created_from=1900-01-01&created_to=2200-12-31`,
          { headers: admin, ...ok }
        )
        expect(res.status).toBe(200)
        expect(res.data.customers.map((c: any) => c.id)).toContain(ids.customer)
        const history = await api.get(
          `/admin/backoffice/customers/${ids.customer}/loyalty/history?from=2000-01-01T00:00:00Z&to=2200-01-01`,
          { headers: admin, ...ok }
        )
        expect(history.status).toBe(200)
      })
    })

    describe("multipart fields of an import upload", () => {
      const upload = (name: string, fields: Record<string, string>) => {
        const form = new FormData()
        for (const [k, v] of Object.entries(fields)) form.append(k, v)
        form.append("file", new Blob(["Email\r\nm@example.com\r\n"], { type: "text/csv" }), name)
        return api.post("/admin/backoffice/customer-imports", form, { headers: admin, ...ok })
      }

      it.each(BAD)("a form field with %s → 400 naming it, no import created", async (_label, bad) => {
        const before = await snapshot()
        expectRefused(await upload("customers.csv", { parent_run_id: bad }), "parent_run_id")
        expect(await snapshot()).toEqual(before)
      })

      it("a file name with a right-to-left override → 400 naming the file", async () => {
        const before = await snapshot()
        expectRefused(await upload("list\u202Evsc.exe", {}), "file")
        expect(await snapshot()).toEqual(before)
      })
    })

    describe("import cells", () => {
      it("a NUL or a bidi override in a cell is an error of that cell; editing the cell clears it", async () => {
        const db = knex()
        const ctx = await loadImportContext(db, { defaultCountry: "US", emailRequired: true })
        const run = await createRun(db, { file_name: "cells.csv" })
        // as read from a file (the reader refuses a CSV with a NUL near its start, a spreadsheet cell can still hold one)
        const cells = [
          ["nul@example.com", "Ad\u0000a", "Ok"],
          ["bidi@example.com", "Bo", "B\u202Eb"],
          ["fine@example.com", "Fine", "Row"],
        ]
        const file = {
          headers: ["Email", "First Name", "Last Name"],
          records: (async function* () {
            for (const [i, c] of cells.entries()) yield { row_number: i + 2, cells: c }
          })(),
        }
        await stageFile(db, run, file, ctx)
        await db("import_run").where({ id: run }).update({ status: "review" })
        const list = await api.get(`/admin/backoffice/customer-imports/${run}/rows?limit=10`, { headers: admin })
        const byEmail = Object.fromEntries(list.data.rows.map((r: any) => [r.values.email, r]))
        expect(byEmail["nul@example.com"].errors).toEqual({ first_name: expect.stringContaining("NUL") })
        expect(byEmail["bidi@example.com"].errors).toEqual({ last_name: expect.stringContaining("U+202E") })
        expect(byEmail["fine@example.com"].errors).toEqual({})

        const edited = await api.post(
          `/admin/backoffice/customer-imports/${run}/rows/${byEmail["nul@example.com"].id}`,
          { values: { first_name: "Ada" } },
          { headers: admin }
        )
        expect(edited.data.row.errors).toEqual({})
      })
    })

    describe("notes", () => {
      it("GET notes refuses a bad limit, offset or order with 400 naming it", async () => {
        const base = `/admin/backoffice/customers/${ids.customer}/notes`
        for (const [query, field] of [
          ["limit=abc", "limit"],
          ["limit=0", "limit"],
          ["limit=1000", "limit"],
          ["offset=-1", "offset"],
          ["offset=x", "offset"],
          ["order=body", "order"],
          ["sort=created_at", "(body)"],
        ]) {
          const res = await api.get(`${base}?${query}`, { headers: admin, ...ok })
          expect({ query, status: res.status }).toEqual({ query, status: 400 })
          if (field !== "(body)") expectRefused(res, field)
        }
      })

      it("GET notes pages and orders", async () => {
        const c = (await api.post("/admin/customers", { email: `notes-${Date.now()}@example.com` }, { headers: admin })).data.customer
        const base = `/admin/backoffice/customers/${c.id}/notes`
        const made: string[] = []
        for (const body of ["first", "second", "third"]) {
          made.push((await api.post(base, { body }, { headers: admin })).data.note.id)
        }
        const all = await api.get(base, { headers: admin })
        expect(all.data.notes.map((n: any) => n.id)).toEqual(made)
        const page = await api.get(`${base}?limit=1&offset=1&order=-created_at`, { headers: admin })
        expect(page.data).toEqual(expect.objectContaining({ count: 3, limit: 1, offset: 1 }))
        expect(page.data.notes.map((n: any) => n.id)).toEqual([made[1]])
      })

      it("an edit that fails while writing leaves no revision and the note unchanged", async () => {
        const engagement = getContainer().resolve("customer_engagement") as any
        const [before] = await engagement.listCustomerNotes({ id: ids.note })
        const revisionsBefore = await engagement.listCustomerNoteRevisions({ note_id: ids.note })
        // past the HTTP guard (a job, a script): PostgreSQL refuses the NUL while the note is written
        const { errors } = await getContainer()
          .resolve(Modules.WORKFLOW_ENGINE)
          .run("cbo-update-customer-note", {
            input: { id: ids.note, customer_id: ids.customer, body: "new\u0000text", actor_id: null },
            throwOnError: false,
          })
        expect(errors.length).toBeGreaterThan(0)
        const [after] = await engagement.listCustomerNotes({ id: ids.note })
        expect(after.body).toBe(before.body)
        expect(await engagement.listCustomerNoteRevisions({ note_id: ids.note })).toHaveLength(revisionsBefore.length)
      })
    })
  },
})
