import { ContainerRegistrationKeys, CustomerWorkflowEvents, Modules } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { useTestHost } from "../helpers/test-host"
import { waitFor } from "../helpers/wait"
import { recordSubscriberRuns } from "../helpers/events"
import CustomerModule from "@medusajs/medusa/customer"
import SalesChannelModule from "@medusajs/medusa/sales-channel"
import { linkTableName } from "../../src/lib/customer-data/links"

jest.setTimeout(180_000)

const BASE = "/admin/backoffice/customer-imports"
const CREATED = CustomerWorkflowEvents.CREATED
const UPDATED = CustomerWorkflowEvents.UPDATED
const STORE_LINKS = linkTableName(CustomerModule.linkable.customer, SalesChannelModule.linkable.salesChannel)

const FILE = [
  "Email,First Name,Last Name",
  "ev.old1@example.com,Olda,Renamed",
  "ev.new1@example.com,Nina,One",
  "ev.new2@example.com,Nino,Two",
  "ev.old2@example.com,Oscar,Renamed",
  "ev.new3@example.com,Nora,Three",
].join("\r\n")

useTestHost({
  prefix: "cbo-http-import-events",
  admin: "once",
  env: { CBO_IMPORT_BATCH_SIZE: "2" },
  testSuite: ({ api, getContainer, session }) => {
    const opts = () => ({ headers: session.headers, validateStatus: () => true })
    const db = (): Knex => getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
    const waitStatus = (id: string, statuses: string[]) =>
      waitFor(
        async () => {
          const res = await api.get(`${BASE}/${id}`, opts())
          return statuses.includes(res.data.import_run?.status) ? res.data.import_run : null
        },
        { timeoutMs: 60_000, intervalMs: 200, what: `import ${id} to be ${statuses.join("/")}` }
      )

    it("an import creating 3 and updating 2 customers emits exactly those customer.created / customer.updated events, and the plugin's subscribers write nothing twice", async () => {
      const container = getContainer()
      const customers = container.resolve(Modules.CUSTOMER)
      const [old1, old2] = await customers.createCustomers([
        { first_name: "Old", last_name: "One", email: "ev.old1@example.com" },
        { first_name: "Old", last_name: "Two", email: "ev.old2@example.com" },
      ])
      const channels = (await db()("sales_channel").whereNull("deleted_at").pluck("id")) as string[]

      const form = new FormData()
      form.append("file", new Blob([FILE], { type: "text/csv" }), "events.csv")
      const up = await api.post(BASE, form, opts())
      expect(up.status).toBe(201)
      const id = up.data.import_run.id as string
      const run = await waitStatus(id, ["review", "failed"])
      expect(run.counts).toEqual(expect.objectContaining({ new: 3, update: 2 }))

      // every subscriber of the two events, this test's recorder among them
      const eventBus = container.resolve(Modules.EVENT_BUS)
      const seen: { name: string; data: unknown; metadata: any }[] = []
      const recorder = async (e: any) => {
        seen.push({ name: e.name, data: e.data, metadata: e.metadata })
      }
      eventBus.subscribe(CREATED, recorder, { subscriberId: "test-import-events-created" })
      eventBus.subscribe(UPDATED, recorder, { subscriberId: "test-import-events-updated" })
      const rec = recordSubscriberRuns(container, [CREATED, UPDATED])
      try {
        expect((await api.post(`${BASE}/${id}/confirm`, { backup: false }, opts())).status).toBe(200)
        const done = await waitStatus(id, ["completed", "failed"])
        expect(done.status).toBe("completed")
        // each message handled by each subscriber of its event
        const expected = 3 * rec.count(CREATED) + 2 * rec.count(UPDATED)
        await waitFor(async () => rec.runs.length >= expected || null, {
          timeoutMs: 60_000,
          intervalMs: 100,
          what: `${expected} subscriber runs`,
        })
        expect(rec.runs.length).toBe(expected)
      } finally {
        rec.restore()
      }

      const rows = (await db()("import_row").where({ run_id: id }).orderBy("row_number").select("customer_id", "result")) as {
        customer_id: string
        result: string
      }[]
      const createdIds = rows.filter((r) => r.result === "created").map((r) => r.customer_id)
      expect(createdIds).toHaveLength(3)
      const byName = (name: string) => seen.filter((e) => e.name === name).map((e) => (e.data as { id: string }).id)
      expect(byName(CREATED).sort()).toEqual([...createdIds].sort())
      expect(byName(UPDATED).sort()).toEqual([old1.id, old2.id].sort())
      expect(seen.every((e) => e.metadata?.source === "customer-import" && e.metadata?.run_id === id)).toBe(true)
      // batches of 2 rows: 3 batches, one emit each — every message a single { id }
      expect(seen.every((e) => Object.keys(e.data as object).join() === "id")).toBe(true)

      const all = [...createdIds, old1.id, old2.id]
      // timeline: the import's own entry only, no "Customer created" from the core-event subscriber
      const entries = (await db()("timeline_entry")
        .whereIn("customer_id", all)
        .whereNull("deleted_at")
        .select("customer_id", "kind")) as { customer_id: string; kind: string }[]
      for (const c of createdIds) expect(entries.filter((e) => e.customer_id === c).map((e) => e.kind)).toEqual(["customer.imported"])
      for (const c of [old1.id, old2.id]) {
        expect(entries.filter((e) => e.customer_id === c && e.kind === "customer.imported")).toHaveLength(1)
        expect(entries.filter((e) => e.customer_id === c && e.kind === "customer.created")).toHaveLength(0)
      }
      const snapshots = await db()("timeline_customer_snapshot").whereIn("customer_id", all).whereNull("deleted_at")
      expect(snapshots).toHaveLength(5)
      // stores: each new customer linked once to every store (the import's own links, no second set)
      const links = (await db()(STORE_LINKS)
        .whereIn("customer_id", createdIds)
        .whereNull("deleted_at")
        .select("customer_id", "sales_channel_id")) as { customer_id: string }[]
      expect(links).toHaveLength(3 * channels.length)
      // duplicate check on write ran for all five, once each (one subject row per customer)
      const subjects = (await db()("customer_duplicate_subject").whereIn("customer_id", all).select("customer_id")) as {
        customer_id: string
      }[]
      expect(subjects.map((s) => s.customer_id).sort()).toEqual([...all].sort())
    })
  },
})
