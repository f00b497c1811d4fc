import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { useTestHost } from "../helpers/test-host"
import { waitFor } from "../helpers/wait"
import { commitRun } from "../../src/lib/customer-import/commit"
import { loadImportContext } from "../../src/lib/customer-import/validate"

jest.setTimeout(240_000)

const BASE = "/admin/backoffice/customer-imports"
const ok = { validateStatus: () => true }
const HEADER =
  "Email,First Name,Account Type,Account Code,Trade Company,VAT Number,Free Delivery,Discount %,Price List,Active\r\n"

/**
 * The trade account's columns through the CSV import: the review checks each
 * cell with the Account card's rules, the commit puts the terms into effect
 * in Medusa (managed groups, price list rule, promotions) and the undo
 * restores the previous terms.
 */
useTestHost({
  prefix: "cbo-trade-import",
  env: { CBO_IMPORT_BATCH_SIZE: "2" },
  testSuite: ({ api, getContainer, session }) => {
    const admin = session.headers
    const opts = () => ({ headers: admin, ...ok })
    const knex = (): Knex => getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)

    const upload = async (content: string, name = "trade.csv") => {
      const form = new FormData()
      form.append("file", new Blob([content], { type: "text/csv" }), name)
      const res = await api.post(BASE, form, opts())
      expect(res.status).toBe(201)
      return res.data.import_run.id as string
    }
    const waitStatus = (id: string, statuses: string[]) =>
      waitFor(
        async () => {
          const run = (await api.get(`${BASE}/${id}`, opts())).data.import_run
          return statuses.includes(run?.status) ? run : null
        },
        { timeoutMs: 90_000, intervalMs: 250, what: `import ${id} to be ${statuses.join("/")}` }
      )
    const rowsOf = async (id: string) =>
      (await api.get(`${BASE}/${id}/rows?filter=all&limit=100`, opts())).data.rows as any[]
    const account = async (customerId: string) =>
      (await api.get(`/admin/backoffice/customers/${customerId}/account`, opts())).data.account
    const groupsOf = async (customerId: string) => {
      const [c] = await getContainer()
        .resolve(Modules.CUSTOMER)
        .listCustomers({ id: customerId }, { relations: ["groups"] })
      return (c.groups ?? []).map((g: any) => g.name).sort()
    }
    const customerByEmail = async (email: string) =>
      (await knex()("customer").whereRaw("lower(email) = ?", [email]).first()) as any

    it("imports trade terms into Medusa's groups, reports bad cells per row, and undo restores the previous terms", async () => {
      const [priceList] = await getContainer()
        .resolve(Modules.PRICING)
        .createPriceLists([{ title: "Trade prices", description: "Trade", status: "active" as any }])
      const customers = getContainer().resolve(Modules.CUSTOMER)
      const [bob, carol] = await customers.createCustomers([
        { email: "bob@example.com", first_name: "Bob" },
        { email: "carol@example.com", first_name: "Carol" },
      ])
      // Carol is a trade account already, set through the Account card
      const set = await api.post(
        `/admin/backoffice/customers/${carol.id}/account`,
        { account_type: "trade", account_code: "CAR-1", discount_percent: 10, free_delivery: true, active: true },
        opts()
      )
      expect(set.status).toBe(200)
      expect(await groupsOf(carol.id)).toEqual(["Trade discount 10 %", "Trade free delivery"])
      // Dan has applied and awaits approval
      const applied = await api.post(
        "/admin/backoffice/trade-applications",
        { email: "dan@example.com", first_name: "Dan", company_name: "Dan's Vans" },
        opts()
      )
      expect(applied.status).toBe(201)
      const dan = await customerByEmail("dan@example.com")

      const id = await upload(
        HEADER +
          "bob@example.com,Bob,Trade,bob-1,Bob Builders Ltd,DE 136 695 976,yes,12.5,trade prices,yes\r\n" +
          "carol@example.com,,trade,,,,no,5,,\r\n" +
          "new.trader@example.com,New,trade,NEW-1,,,,7.25,,yes\r\n" +
          "eve@example.com,Eve,wholesale,CAR-1,,DE123456789,maybe,101,Nope,perhaps\r\n" +
          "dan@example.com,Dan,,,,,,,,yes\r\n" +
          "fay@example.com,Fay,trade,NEW-1,,,,12.555,,\r\n"
      )
      const review = await waitStatus(id, ["review", "failed"])
      expect(review.status).toBe("review")
      expect(review.counts).toMatchObject({ rows: 6, new: 1, update: 2, invalid: 3 })
      const rows = await rowsOf(id)
      expect(rows.map((r) => r.action)).toEqual(["update", "update", "new", "invalid", "invalid", "invalid"])
      // each bad cell names its problem in the review
      expect(rows[3].errors).toEqual({
        account_type: expect.stringMatching(/not an account type \(retail or trade\)/),
        account_code: expect.stringMatching(/CAR-1 is already the account code of another customer \(carol@example\.com\)/),
        vat_number: expect.stringMatching(/not a valid .*VAT number/),
        free_delivery: '"maybe" is not yes or no',
        discount_percent: expect.stringMatching(/between 0 and 100/),
        price_list: expect.stringMatching(/Unknown price list: Nope/),
        active: '"perhaps" is not yes or no',
      })
      expect(rows[4].errors).toEqual({ active: expect.stringMatching(/trade application is pending/) })
      expect(rows[5].errors).toEqual({
        account_code: "NEW-1 is given to another customer by an earlier row of the file",
        discount_percent: expect.stringMatching(/at most two decimals/),
      })

      expect((await api.post(`${BASE}/${id}/confirm`, {}, opts())).status).toBe(200)
      const done = await waitStatus(id, ["completed", "failed"])
      // the run's error, when it fails
      expect([done.status, done.error ?? done.job?.error ?? null]).toEqual(["completed", null])
      expect(done.counts).toMatchObject({ created: 1, updated: 2, failed: 3 })

      // the Account card shows the imported terms, and Medusa's groups follow them
      expect(await account(bob.id)).toEqual(
        expect.objectContaining({
          account_type: "trade",
          account_code: "BOB-1",
          company_name: "Bob Builders Ltd",
          vat_number: "DE136695976",
          free_delivery: true,
          discount_percent: 12.5,
          price_list_id: priceList.id,
          active: true,
        })
      )
      expect(await groupsOf(bob.id)).toEqual(["Trade discount 12.5 %", "Trade free delivery", "Trade: Trade prices"])
      const pl = (await api.get(`/admin/price-lists/${priceList.id}`, opts())).data.price_list
      const groups = (await api.get("/admin/customer-groups?limit=100&fields=id,name", opts())).data.customer_groups
      const groupId = (name: string) => groups.find((g: any) => g.name === name)?.id
      expect(pl.rules).toEqual({ "customer.groups.id": [groupId("Trade: Trade prices")] })
      const promotions = (
        await api.get("/admin/promotions?limit=100&fields=code,status,is_automatic", opts())
      ).data.promotions.map((p: any) => [p.code, p.status, p.is_automatic])
      expect(promotions).toEqual(expect.arrayContaining([["TRADE-DISCOUNT-12_50", "active", true]]))

      expect(await account(carol.id)).toEqual(
        expect.objectContaining({ account_type: "trade", account_code: "CAR-1", discount_percent: 5, free_delivery: false })
      )
      expect(await groupsOf(carol.id)).toEqual(["Trade discount 5 %"])
      const created = await customerByEmail("new.trader@example.com")
      expect(await account(created.id)).toEqual(
        expect.objectContaining({ account_type: "trade", account_code: "NEW-1", discount_percent: 7.25, active: true })
      )
      expect(await groupsOf(created.id)).toEqual(["Trade discount 7.25 %"])
      // nothing was written for the invalid rows
      expect(await customerByEmail("eve@example.com")).toBeUndefined()
      expect(await customerByEmail("fay@example.com")).toBeUndefined()
      expect(await account(dan.id)).toEqual(expect.objectContaining({ account_type: "trade", active: false }))
      expect(await knex()("import_row").where({ run_id: id, terms_pending: true })).toHaveLength(0)

      // undo: the previous terms and groups come back; the new customer goes
      const undo = await api.post(`${BASE}/${id}/undo`, {}, opts())
      expect(undo.status).toBe(200)
      expect(undo.data.skipped).toEqual([])
      expect(await account(bob.id)).toEqual(
        expect.objectContaining({ account_type: "retail", account_code: null, discount_percent: 0, price_list_id: null, active: true })
      )
      expect(await groupsOf(bob.id)).toEqual([])
      expect(await account(carol.id)).toEqual(
        expect.objectContaining({ account_type: "trade", account_code: "CAR-1", discount_percent: 10, free_delivery: true })
      )
      expect(await groupsOf(carol.id)).toEqual(["Trade discount 10 %", "Trade free delivery"])
      expect((await customerByEmail("new.trader@example.com")).deleted_at).not.toBeNull()
      expect(await knex()("trade_account").where({ customer_id: created.id, deleted_at: null })).toHaveLength(0)
      // the code is free again: the Account card can give it to someone else
      const reuse = await api.post(`/admin/backoffice/customers/${bob.id}/account`, { account_code: "NEW-1" }, opts())
      expect(reuse.status).toBe(200)
    })

    it("a price list deleted after the review fails its row with the reason; an account set inactive emits trade.deactivated", async () => {
      const pricing = getContainer().resolve(Modules.PRICING)
      const [doomed] = await pricing.createPriceLists([{ title: "Short-lived", description: "x", status: "active" as any }])
      const [hal, ida] = await getContainer()
        .resolve(Modules.CUSTOMER)
        .createCustomers([
          { email: "hal@example.com", first_name: "Hal" },
          { email: "ida@example.com", first_name: "Ida" },
        ])
      const set = await api.post(
        `/admin/backoffice/customers/${ida.id}/account`,
        { account_type: "trade", discount_percent: 4, active: true },
        opts()
      )
      expect(set.status).toBe(200)
      const seen: any[] = []
      getContainer()
        .resolve(Modules.EVENT_BUS)
        .subscribe("customer_backoffice.trade.deactivated", async (event: any) => {
          seen.push(event.data)
        })
      const id = await upload(
        HEADER + "hal@example.com,Hal,trade,,,,,,Short-lived,yes\r\n" + "ida@example.com,Ida,,,,,,,,no\r\n"
      )
      expect((await waitStatus(id, ["review"])).counts).toMatchObject({ update: 2, invalid: 0 })
      await pricing.softDeletePriceLists([doomed.id])
      expect((await api.post(`${BASE}/${id}/confirm`, {}, opts())).status).toBe(200)
      const done = await waitStatus(id, ["completed", "failed"])
      expect(done.counts).toMatchObject({ updated: 1, failed: 1 })
      const rows = await rowsOf(id)
      expect(rows[0]).toEqual(
        expect.objectContaining({ result: "failed", fail_reason: expect.stringMatching(/price_list: Unknown price list: Short-lived/) })
      )
      // nothing written for Hal: still Retail, no groups
      expect(await account(hal.id)).toEqual(expect.objectContaining({ account_type: "retail", price_list_id: null }))
      expect(await groupsOf(hal.id)).toEqual([])
      // Ida is inactive, keeps her terms, and the event names who ran the import
      expect(await account(ida.id)).toEqual(expect.objectContaining({ account_type: "trade", active: false, discount_percent: 4 }))
      const [event] = await waitFor(() => (seen.length ? seen : null), { what: "deactivated event" })
      expect(event).toEqual(expect.objectContaining({ customer_id: ida.id, actor_id: session.id, actor_type: "user" }))
    })

    it("terms written by a commit that stopped before applying them are applied when the commit resumes", async () => {
      const [jon] = await getContainer()
        .resolve(Modules.CUSTOMER)
        .createCustomers([{ email: "jon@example.com", first_name: "Jon" }])
      const id = await upload(HEADER + "jon@example.com,Jon,trade,JON-1,,,yes,,,yes\r\n")
      await waitStatus(id, ["review"])
      // the batches written as an interrupted job leaves them: rows applied, terms not yet in effect
      const db = knex()
      await db("import_run").where({ id }).update({ status: "committing" })
      const ctx = await loadImportContext(db, { defaultCountry: "US", emailRequired: true })
      expect(await commitRun(db, id, ctx, { batchSize: 2 })).toMatchObject({ updated: 1, failed: 0 })
      expect(await account(jon.id)).toEqual(expect.objectContaining({ account_type: "trade", free_delivery: true }))
      expect(await groupsOf(jon.id)).toEqual([])
      expect(await db("import_row").where({ run_id: id, terms_pending: true })).toHaveLength(1)
      // what the resumed commit job runs first
      await getContainer()
        .resolve(Modules.WORKFLOW_ENGINE)
        .run("cbo-apply-imported-trade-terms", { input: { run_id: id } })
      expect(await groupsOf(jon.id)).toEqual(["Trade free delivery"])
      expect(await db("import_row").where({ run_id: id, terms_pending: true })).toHaveLength(0)
    })

    it("an exported trade account re-imports with zero changes; a changed term is an update", async () => {
      const [priceList] = await getContainer()
        .resolve(Modules.PRICING)
        .createPriceLists([{ title: "Builders", description: "Trade", status: "active" as any }])
      const [gus] = await getContainer()
        .resolve(Modules.CUSTOMER)
        .createCustomers([{ email: "gus@example.com", first_name: "Gus" }])
      const set = await api.post(
        `/admin/backoffice/customers/${gus.id}/account`,
        {
          account_type: "trade",
          account_code: "GUS-7",
          company_name: "Gus & Sons",
          company_number: "07654321",
          vat_number: "GB980780684",
          free_delivery: false,
          discount_percent: 2.5,
          price_list_id: priceList.id,
          active: false,
        },
        opts()
      )
      expect(set.status).toBe(200)
      const started = await api.post("/admin/backoffice/customer-exports", { format: "csv", q: "gus@example.com" }, opts())
      expect(started.status).toBe(202)
      const exportId = started.data.export.id
      await waitFor(
        async () =>
          (await api.get(`/admin/backoffice/customer-exports/${exportId}`, opts())).data.export?.status === "completed",
        { timeoutMs: 60_000, intervalMs: 200, what: "export" }
      )
      const file = await api.get(`/admin/backoffice/customer-exports/${exportId}/download`, {
        ...opts(),
        responseType: "arraybuffer",
      })
      const csv = Buffer.from(file.data).toString("utf8")
      expect(csv).toContain("GUS-7")

      const id = await upload(csv, "export.csv")
      const run = await waitStatus(id, ["review", "failed"])
      // every trade header is mapped back to its column
      const mapped = Object.fromEntries(run.mapping.map((m: any) => [m.header, m.column]))
      expect(mapped).toMatchObject({ "Account Type": "account_type", "Discount %": "discount_percent", Active: "active" })
      expect(run.counts).toMatchObject({ rows: 1, unchanged: 1, update: 0, invalid: 0 })

      // the same file with another discount is an update
      const changed = csv.replace(/,2\.50,/, ",3.00,")
      expect(changed).not.toBe(csv)
      const id2 = await upload(changed, "export-changed.csv")
      const run2 = await waitStatus(id2, ["review", "failed"])
      expect(run2.counts).toMatchObject({ rows: 1, unchanged: 0, update: 1, invalid: 0 })
    })
  },
})
