import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { useTestHost } from "../helpers/test-host"
import { waitFor } from "../helpers/wait"

jest.setTimeout(240_000)

const BASE = "/admin/backoffice/customer-imports"

/** A customer export as Shopify writes it (its own header names, tags as free text). */
const SHOPIFY_HEADER =
  "Customer ID,First Name,Last Name,Email,Accepts Email Marketing,Default Address Company,Default Address Address1," +
  "Default Address Address2,Default Address City,Default Address Province Code,Default Address Country Code," +
  "Default Address Zip,Default Address Phone,Phone,Accepts SMS Marketing,Total Spent,Total Orders,Note,Tax Exempt,Tags,How did you find us?"
const SHOPIFY_FILE = [
  SHOPIFY_HEADER,
  `'7001,Ana,Silva,ana@example.com,yes,,1 Main St,,Austin,TX,US,78701,,,no,120.50,3,,no,"VIP, Wholesale",Instagram`,
  `'7002,Ben,Stone,ben@example.com,no,,,,,,,,,,yes,0.00,0,,no,VIP,Instagram`,
  `'7003,Cleo,Park,cleo@example.com,yes,,,,,,,,,,no,15.00,1,,yes,"Newsletter, vip",Friend`,
  `'7004,Dan,Ruiz,dan@example.com,no,,,,,,,,,,no,0.00,0,,no,Wholesale,`,
  `'7005,Eve,Moss,eve@example.com,no,,,,,,,,,,no,0.00,0,,no,,`,
].join("\r\n")

useTestHost({
  prefix: "cbo-http-shopify",
  admin: "once",
  env: {
    CBO_IMPORT_BATCH_SIZE: "2",
  },
  testSuite: ({ api, getContainer, session }) => {
    const headers = session.headers
    const opts = () => ({ headers, validateStatus: () => true })
    const get = (url: string) => api.get(url, opts())
    const post = (url: string, body: object = {}) => api.post(url, body, opts())
    const db = (): Knex => getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)

    async function upload(content: string, name: string) {
      const form = new FormData()
      form.append("file", new Blob([content], { type: "text/csv" }), name)
      const res = await api.post(BASE, form, opts())
      expect(res.status).toBe(201)
      return res.data.import_run.id as string
    }
    const waitStatus = (id: string, statuses: string[]) =>
      waitFor(
        async () => {
          const res = await get(`${BASE}/${id}`)
          return statuses.includes(res.data.import_run?.status) ? res.data.import_run : null
        },
        { timeoutMs: 60_000, intervalMs: 200, what: `import ${id} to be ${statuses.join("/")}` }
      )
    const liveGroups = async () =>
      (await db()("customer_group").whereNull("deleted_at").orderBy("name").select("id", "name", "metadata")) as {
        id: string
        name: string
        metadata: Record<string, unknown> | null
      }[]
    const membersOf = async (groupName: string) =>
      (
        await db()("customer_group_customer as m")
          .join("customer_group as g", "g.id", "m.customer_group_id")
          .join("customer as c", "c.id", "m.customer_id")
          .whereNull("m.deleted_at")
          .whereNull("g.deleted_at")
          .whereNull("c.deleted_at")
          .where("g.name", groupName)
          .orderBy("c.email")
          .select("c.email")
      ).map((r: { email: string }) => r.email)
    const sources = async () =>
      (await db()("referral_source").whereNull("deleted_at").orderBy("name").select("name")).map((r: { name: string }) => r.name)
    async function importAndConfirm(content: string, name: string, check?: (run: any) => Promise<void> | void) {
      const id = await upload(content, name)
      const run = await waitStatus(id, ["review", "failed"])
      expect(run.status).toBe("review")
      await check?.(run)
      const confirm = await post(`${BASE}/${id}/confirm`, { backup: false })
      expect(confirm.status).toBe(200)
      return waitStatus(id, ["completed", "failed"])
    }

    it("a fresh store imports a Shopify export with tags: categories and choices created once, re-import changes nothing, undo removes them", async () => {
      expect(await liveGroups()).toEqual([])
      expect(await sources()).toEqual([])

      // review: no tagged row is refused; the new categories and choices are listed with their rows
      let firstId = ""
      const done = await importAndConfirm(SHOPIFY_FILE, "customers_export.csv", async (run) => {
        firstId = run.id
        expect(run.counts).toEqual(expect.objectContaining({ rows: 5, new: 5, invalid: 0 }))
        expect(run.new_categories).toEqual([
          { name: "VIP", rows: 3, creates: true },
          { name: "Wholesale", rows: 2, creates: true },
          { name: "Newsletter", rows: 1, creates: true },
        ])
        expect(run.new_referral_sources).toEqual([
          { name: "Instagram", rows: 2, creates: true },
          { name: "Friend", rows: 1, creates: true },
        ])
        // nothing exists before the merchant confirms
        expect(await liveGroups()).toEqual([])
        // Shopify's columns with no home are shown as not imported, with why
        const reasons = Object.fromEntries(run.mapping.filter((m: any) => !m.column).map((m: any) => [m.header, m.reason]))
        expect(Object.keys(reasons)).toEqual(
          expect.arrayContaining(["Customer ID", "Total Spent", "Total Orders", "Tax Exempt", "Accepts SMS Marketing"])
        )
        expect(reasons["Total Spent"]).toMatch(/computed from Medusa orders/)
        expect(reasons["Total Orders"]).toMatch(/computed from Medusa orders/)
        expect(reasons["Tax Exempt"]).toMatch(/no tax-exempt flag/)
        expect(reasons["Accepts SMS Marketing"]).toMatch(/SMS consent has no place/)
      })
      expect(done.status).toBe("completed")
      expect(done.counts).toEqual(expect.objectContaining({ created: 5, failed: 0 }))
      expect(done.created_categories.map((c: any) => c.name).sort()).toEqual(["Newsletter", "VIP", "Wholesale"])
      expect(done.created_referral_sources.map((c: any) => c.name).sort()).toEqual(["Friend", "Instagram"])

      // every tagged customer is in its category ("vip" landed in "VIP")
      const groups = await liveGroups()
      expect(groups.map((g) => g.name)).toEqual(["Newsletter", "VIP", "Wholesale"])
      for (const g of groups) expect(g.metadata).toEqual(expect.objectContaining({ backoffice_import_run_id: firstId }))
      expect(await membersOf("VIP")).toEqual(["ana@example.com", "ben@example.com", "cleo@example.com"])
      expect(await membersOf("Wholesale")).toEqual(["ana@example.com", "dan@example.com"])
      expect(await membersOf("Newsletter")).toEqual(["cleo@example.com"])
      expect(await sources()).toEqual(["Friend", "Instagram"])
      const answers = await db()("customer_profile as p")
        .join("customer as c", "c.id", "p.customer_id")
        .join("referral_source as s", "s.id", "p.referral_source_id")
        .orderBy("c.email")
        .select("c.email", "s.name")
      expect(answers).toEqual([
        { email: "ana@example.com", name: "Instagram" },
        { email: "ben@example.com", name: "Instagram" },
        { email: "cleo@example.com", name: "Friend" },
      ])

      // the same file again: nothing new to create, every row unchanged, nothing written
      const groupsBefore = await liveGroups()
      const membershipsBefore = await db()("customer_group_customer").whereNull("deleted_at").orderBy("id").select("id")
      const again = await importAndConfirm(SHOPIFY_FILE, "customers_export.csv", (run) => {
        expect(run.new_categories).toEqual([])
        expect(run.new_referral_sources).toEqual([])
        expect(run.counts).toEqual(expect.objectContaining({ rows: 5, new: 0, update: 0, unchanged: 5, invalid: 0 }))
      })
      expect(again.status).toBe("completed")
      expect(again.created_categories).toEqual([])
      expect(again.counts).toEqual(expect.objectContaining({ created: 0, updated: 0 }))
      expect(await liveGroups()).toEqual(groupsBefore)
      expect(await db()("customer_group_customer").whereNull("deleted_at").orderBy("id").select("id")).toEqual(membershipsBefore)
      expect(await sources()).toEqual(["Friend", "Instagram"])

      // undo of the first import: its customers, then its categories and choices (nothing else uses them)
      const undo = await post(`${BASE}/${firstId}/undo`)
      expect(undo.status).toBe(200)
      expect(undo.data.skipped).toEqual([])
      expect(undo.data.removed_labels.map((l: any) => `${l.kind}:${l.name}`).sort()).toEqual([
        "category:Newsletter",
        "category:VIP",
        "category:Wholesale",
        "referral_source:Friend",
        "referral_source:Instagram",
      ])
      expect(await liveGroups()).toEqual([])
      expect(await sources()).toEqual([])
      expect(await db()("customer").whereNull("deleted_at").whereIn("email", ["ana@example.com", "eve@example.com"])).toHaveLength(0)
    })

    it("undo keeps a category the import created when a customer was added to it since, and lists it", async () => {
      const run = await importAndConfirm("Email,First Name,Tags\r\nkeep1@example.com,Kay,Keepers\r\n", "keep.csv")
      expect(run.created_categories.map((c: any) => c.name)).toEqual(["Keepers"])
      const group = run.created_categories[0]
      const customers = getContainer().resolve(Modules.CUSTOMER)
      const [other] = await customers.createCustomers([{ email: "other@example.com", first_name: "Other" }])
      await customers.addCustomerToGroup({ customer_id: other.id, customer_group_id: group.id })

      const undo = await post(`${BASE}/${run.id}/undo`)
      expect(undo.status).toBe(200)
      expect(undo.data.skipped).toEqual([
        expect.objectContaining({ kind: "category", id: group.id, name: "Keepers", reason: expect.stringMatching(/1 customer/) }),
      ])
      expect(undo.data.import_run.undo_skipped).toEqual(undo.data.skipped)
      expect((await liveGroups()).map((g) => g.name)).toContain("Keepers")
      expect(await membersOf("Keepers")).toEqual(["other@example.com"])
    })

    it("a new category mapped onto an existing one with another spelling joins it; a rename creates the new name; stores stay strict", async () => {
      const customers = getContainer().resolve(Modules.CUSTOMER)
      const channels = getContainer().resolve(Modules.SALES_CHANNEL)
      const [wholesale] = await customers.createCustomerGroups([{ name: "Wholesale" }])
      await channels.createSalesChannels([{ name: "Web" }])
      // already in Wholesale: the row is an update while "Wholsale" is a new category, unchanged once mapped
      const [m0] = await customers.createCustomers([{ email: "m0@example.com", first_name: "M0" }])
      await customers.addCustomerToGroup({ customer_id: m0.id, customer_group_id: wholesale.id })
      const file = [
        "Email,First Name,Tags,Stores",
        "m0@example.com,M0,Wholsale,",
        "m1@example.com,M1,Wholsale,Web",
        'm2@example.com,M2,"wholsale, Retail",',
        "m3@example.com,M3,Retail,Nowhere",
      ].join("\r\n")
      const id = await upload(file, "typos.csv")
      let run = await waitStatus(id, ["review"])
      // an unknown store is still a row error
      expect(run.counts).toEqual(expect.objectContaining({ rows: 4, new: 2, update: 1, invalid: 1 }))
      const rows = (await get(`${BASE}/${id}/rows?filter=invalid`)).data.rows
      expect(rows[0].errors).toEqual({ stores: "Unknown store: Nowhere" })
      expect(run.new_categories).toEqual([
        { name: "Wholsale", rows: 3, creates: true },
        { name: "Retail", rows: 1, creates: true },
      ])

      // refused: a name the review does not list, a control character, an empty body, no session
      const unknown = await post(`${BASE}/${id}/new-labels`, { new_categories: [{ name: "Gold", map_to: "VIP" }] })
      expect(unknown.status).toBe(400)
      expect(unknown.data.message).toMatch(/new_categories.*Gold/)
      const control = await post(`${BASE}/${id}/new-labels`, { new_categories: [{ name: "Retail", map_to: "Re\u0000tail" }] })
      expect(control.status).toBe(400)
      expect((await post(`${BASE}/${id}/new-labels`, {})).status).toBe(400)
      expect((await api.post(`${BASE}/${id}/new-labels`, {}, { validateStatus: () => true })).status).toBe(401)
      expect((await get(`${BASE}/${id}`)).data.import_run.new_categories[0].map_to).toBeUndefined()

      // other capitals are a rename too
      const recased = await post(`${BASE}/${id}/new-labels`, { new_categories: [{ name: "Retail", map_to: "RETAIL" }] })
      expect(recased.data.import_run.new_categories[1]).toEqual({ name: "Retail", rows: 1, map_to: "RETAIL", creates: true })

      const mapped = await post(`${BASE}/${id}/new-labels`, {
        new_categories: [
          { name: "wholsale", map_to: "WHOLESALE" },
          { name: "Retail", map_to: "Retail customers" },
        ],
      })
      expect(mapped.status).toBe(200)
      run = mapped.data.import_run
      // the rows naming the values were checked again: m0 already is in Wholesale
      expect(run.counts).toEqual(expect.objectContaining({ rows: 4, new: 2, update: 0, unchanged: 1, invalid: 1 }))
      expect(run.new_categories).toEqual([
        { name: "Wholsale", rows: 2, map_to: "WHOLESALE", creates: false },
        { name: "Retail", rows: 1, map_to: "Retail customers", creates: true },
      ])

      const confirm = await post(`${BASE}/${id}/confirm`, { backup: false })
      expect(confirm.status).toBe(200)
      run = await waitStatus(id, ["completed", "failed"])
      expect(run.status).toBe("completed")
      expect(run.counts).toEqual(expect.objectContaining({ created: 2, failed: 1 }))
      expect(run.created_categories.map((c: any) => c.name)).toEqual(["Retail customers"])
      const names = (await liveGroups()).map((g) => g.name)
      expect(names).toEqual(expect.arrayContaining(["Wholesale", "Retail customers"]))
      expect(names.filter((n) => /wholsale|^retail$/i.test(n))).toEqual([])
      expect(await membersOf("Wholesale")).toEqual(["m0@example.com", "m1@example.com", "m2@example.com"])
      expect(await membersOf("Retail customers")).toEqual(["m2@example.com"])

      // after the review the choices can no longer change
      const late = await post(`${BASE}/${id}/new-labels`, { new_categories: [{ name: "Retail", map_to: null }] })
      expect(late.status).toBe(400)
    })
  },
})
