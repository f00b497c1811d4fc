import { Modules } from "@medusajs/framework/utils"
import {
  createAdminHeaders,
  createCustomerHeaders,
  createPublishableKeyHeader,
} from "../helpers/admin"
import { useTestHost } from "../helpers/test-host"
import { waitFor } from "../helpers/wait"

jest.setTimeout(120_000)

const ok = { validateStatus: () => true }
const DAY = 86_400_000

useTestHost({
  prefix: "cbo-http-pts",
  testSuite: ({ api, getContainer, session }) => {
    const admin = session.headers
    let pk: Record<string, string>

    beforeEach(async () => {
      pk = await createPublishableKeyHeader(getContainer())
      const storeModule = getContainer().resolve(Modules.STORE)
      const [store] = await storeModule.listStores({}, { relations: ["supported_currencies"] })
      if (store && !store.supported_currencies?.length) {
        await storeModule.updateStores(store.id, {
          supported_currencies: [{ currency_code: "eur", is_default: true }],
        })
      }
    })

    const newCustomer = async () => {
      const c = await createCustomerHeaders(getContainer())
      return { id: c.customer.id, email: c.customer.email, store: { ...c.headers, ...pk } }
    }
    const points = () => getContainer().resolve("customer_points") as any
    const adjust = (id: string, body: Record<string, unknown>) =>
      api.post(`/admin/backoffice/customers/${id}/loyalty/adjustments`, body, { headers: admin, ...ok })

    describe("authentication", () => {
      const ADMIN_ROUTES: [string, string][] = [
        ["get", "/admin/backoffice/customers/cus_x/loyalty"],
        ["post", "/admin/backoffice/customers/cus_x/loyalty"],
        ["post", "/admin/backoffice/customers/cus_x/loyalty/adjustments"],
        ["get", "/admin/backoffice/customers/cus_x/loyalty/history"],
        ["post", "/admin/backoffice/loyalty/expire"],
      ]
      it.each(ADMIN_ROUTES)("%s %s needs an admin (401)", async (method, url) => {
        const res =
          method === "get"
            ? await api.get(url, ok)
            : await api.post(url, { direction: "add", points: 1, reason: "x" }, ok)
        expect(res.status).toBe(401)
      })

      it("store routes need a logged-in customer (401)", async () => {
        for (const url of ["/store/backoffice/loyalty", "/store/backoffice/loyalty/history"]) {
          const res = await api.get(url, { headers: pk, ...ok })
          expect(res.status).toBe(401)
        }
      })
    })

    describe("admin: card, adjustments, history", () => {
      it("enrols, adds and removes points with a reason, shows balance, value and history", async () => {
        const c = await newCustomer()
        let res = await api.get(`/admin/backoffice/customers/${c.id}/loyalty`, { headers: admin })
        expect(res.data.loyalty).toEqual(
          expect.objectContaining({ enrolled: false, balance: 0, value: 0, currency_code: expect.any(String) })
        )
        res = await api.post(`/admin/backoffice/customers/${c.id}/loyalty`, { enrolled: true }, { headers: admin })
        expect(res.data.loyalty.enrolled).toBe(true)
        expect(res.data.loyalty.code).toMatch(/^\d{12}$/)

        res = await adjust(c.id, { direction: "add", points: 1500, reason: "Welcome gift", idempotency_key: "dialog-0001" })
        expect(res.status).toBe(201)
        expect(res.data.entry).toEqual(
          expect.objectContaining({ kind: "manual_add", points: 1500, reason: "Welcome gift", actor_id: session.id })
        )
        expect(res.data.loyalty).toEqual(expect.objectContaining({ balance: 1500, value: 15 }))
        // a double submit of the dialog applies once
        res = await adjust(c.id, { direction: "add", points: 1500, reason: "Welcome gift", idempotency_key: "dialog-0001" })
        expect(res.status).toBe(200)
        expect(res.data.loyalty.balance).toBe(1500)

        res = await adjust(c.id, { direction: "remove", points: 200, reason: "Goodwill reversed" })
        expect(res.status).toBe(201)
        expect(res.data.loyalty.balance).toBe(1300)

        res = await api.get(`/admin/backoffice/customers/${c.id}/loyalty/history`, { headers: admin })
        expect(res.data.count).toBe(2)
        expect(res.data.entries.map((e: any) => [e.kind, e.points, e.balance_after, e.actor_name])).toEqual([
          ["manual_remove", -200, 1300, "Ada Admin"],
          ["manual_add", 1500, 1500, "Ada Admin"],
        ])
        res = await api.get(`/admin/backoffice/customers/${c.id}/loyalty/history?kind=manual_add&limit=1`, {
          headers: admin,
        })
        expect(res.data).toEqual(expect.objectContaining({ count: 1, limit: 1, offset: 0 }))
        const today = new Date().toISOString().slice(0, 10)
        res = await api.get(
          `/admin/backoffice/customers/${c.id}/loyalty/history?from=${today}&to=${today}`,
          { headers: admin }
        )
        expect(res.data.count).toBe(2)

        // timeline entries written by the workflows
        res = await api.get(`/admin/backoffice/customers/${c.id}/timeline`, { headers: admin })
        const kinds = res.data.entries.map((e: any) => e.kind)
        expect(kinds).toEqual(expect.arrayContaining(["points.added", "points.removed", "loyalty.updated"]))
      })

      it("ten parallel submits with one key: one entry, 201 for the one that wrote it, 200 with the same entry for the others", async () => {
        const c = await newCustomer()
        const body = { direction: "add", points: 250, reason: "Double-clicked gift", idempotency_key: "dialog-burst" }
        const all = await Promise.all(Array.from({ length: 10 }, () => adjust(c.id, body)))
        expect(all.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201])
        const ids = new Set(all.map((r) => r.data.entry.id))
        expect(ids.size).toBe(1)
        for (const r of all) {
          expect(r.data.entry).toEqual(expect.objectContaining({ kind: "manual_add", points: 250 }))
          expect(r.data.entry).not.toHaveProperty("replayed")
        }
        let res = await api.get(`/admin/backoffice/customers/${c.id}/loyalty/history`, { headers: admin })
        expect(res.data.count).toBe(1)
        expect(res.data.entries[0].id).toBe([...ids][0])
        res = await api.get(`/admin/backoffice/customers/${c.id}/loyalty`, { headers: admin })
        expect(res.data.loyalty.balance).toBe(250)
        // only the writer's run records it
        res = await api.get(`/admin/backoffice/customers/${c.id}/timeline`, { headers: admin })
        expect(res.data.entries.filter((e: any) => e.kind === "points.added")).toHaveLength(1)

        // the same for removals
        const removal = { direction: "remove", points: 100, reason: "Correction", idempotency_key: "dialog-burst-2" }
        const removals = await Promise.all(Array.from({ length: 10 }, () => adjust(c.id, removal)))
        expect(removals.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201])
        expect(new Set(removals.map((r) => r.data.entry.id)).size).toBe(1)
        res = await api.get(`/admin/backoffice/customers/${c.id}/loyalty`, { headers: admin })
        expect(res.data.loyalty.balance).toBe(150)
      })

      it("adding points enrols a customer who was not enrolled (once); removing points does not change enrolment", async () => {
        const c = await newCustomer()
        let res = await api.get(`/admin/backoffice/customers/${c.id}/loyalty`, { headers: admin })
        expect(res.data.loyalty.enrolled).toBe(false)
        res = await adjust(c.id, { direction: "add", points: 300, reason: "Welcome gift" })
        expect(res.status).toBe(201)
        res = await api.get(`/admin/backoffice/customers/${c.id}/loyalty`, { headers: admin })
        expect(res.data.loyalty).toEqual(expect.objectContaining({ enrolled: true, balance: 300 }))
        await adjust(c.id, { direction: "add", points: 20, reason: "Second gift" })
        res = await api.get(`/admin/backoffice/customers/${c.id}/timeline?kind=loyalty.updated`, { headers: admin })
        expect(res.data.entries.map((e: any) => e.summary)).toEqual(["Enrolled in loyalty (points added)"])

        // a customer who left the program: removing points leaves them out, adding brings them back
        await api.post(`/admin/backoffice/customers/${c.id}/loyalty`, { enrolled: false }, { headers: admin })
        await adjust(c.id, { direction: "remove", points: 10, reason: "Correction" })
        res = await api.get(`/admin/backoffice/customers/${c.id}/loyalty`, { headers: admin })
        expect(res.data.loyalty).toEqual(expect.objectContaining({ enrolled: false, balance: 310 }))
        await adjust(c.id, { direction: "add", points: 5, reason: "Apology" })
        res = await api.get(`/admin/backoffice/customers/${c.id}/loyalty`, { headers: admin })
        expect(res.data.loyalty).toEqual(expect.objectContaining({ enrolled: true, balance: 315 }))
      })

      it("refuses bad input with a field message and writes nothing", async () => {
        const c = await newCustomer()
        const cases: [Record<string, unknown>, string][] = [
          [{ direction: "add", points: -5, reason: "x" }, "points"],
          [{ direction: "add", points: 2.5, reason: "x" }, "points"],
          [{ direction: "add", points: 0, reason: "x" }, "points"],
          [{ direction: "add", points: "10", reason: "x" }, "points"],
          [{ direction: "add", points: 10 }, "reason"],
          [{ direction: "add", points: 10, reason: "   " }, "reason"],
          [{ direction: "sideways", points: 10, reason: "x" }, "direction"],
        ]
        for (const [body, field] of cases) {
          const res = await adjust(c.id, body)
          expect(res.status).toBe(400)
          expect(res.data.errors.map((e: any) => e.field)).toContain(field)
        }
        const unknown = await adjust("cus_does_not_exist", { direction: "add", points: 10, reason: "x" })
        expect(unknown.status).toBe(400)
        expect(unknown.data.message).toMatch(/customer_id: no customer with id cus_does_not_exist/)
        const over = await adjust(c.id, { direction: "remove", points: 1, reason: "x" })
        expect(over.status).toBe(400)
        expect(over.data.message).toBe("Not enough points: balance 0")
        const [, count] = await points().listAndCountPointsEntries({ customer_id: c.id })
        expect(count).toBe(0)
        const bad = await api.get(`/admin/backoffice/customers/${c.id}/loyalty/history?kind=stolen`, {
          headers: admin,
          ...ok,
        })
        expect(bad.status).toBe(400)
      })

      it("edits the code to match a card; a clash answers 409; the list finds the customer by the scanned code", async () => {
        const a = await newCustomer()
        const b = await newCustomer()
        let res = await api.post(
          `/admin/backoffice/customers/${a.id}/loyalty`,
          { code: "card 7781-0042" },
          { headers: admin, ...ok }
        )
        expect(res.status).toBe(200)
        expect(res.data.loyalty.code).toBe("CARD7781-0042")
        res = await api.post(
          `/admin/backoffice/customers/${b.id}/loyalty`,
          { code: "card7781-0042" },
          { headers: admin, ...ok }
        )
        expect(res.status).toBe(409)
        expect(res.data.errors).toEqual([
          { field: "code", message: "The loyalty account code CARD7781-0042 is already used by another customer" },
        ])
        res = await api.post(`/admin/backoffice/customers/${b.id}/loyalty`, { code: "x!" }, { headers: admin, ...ok })
        expect(res.status).toBe(400)
        expect(res.data.errors[0].field).toBe("code")

        await adjust(a.id, { direction: "add", points: 42, reason: "Card bonus" })
        res = await api.get(`/admin/backoffice/customers?q=card7781-0042`, { headers: admin })
        expect(res.data.customers.map((c: any) => c.id)).toEqual([a.id])
        expect(res.data.customers[0]).toEqual(expect.objectContaining({ loyalty_points: 42 }))
        res = await api.get(`/admin/backoffice/customers?q=${encodeURIComponent(b.email)}`, { headers: admin })
        expect(res.data.customers[0]).toEqual(expect.objectContaining({ id: b.id, loyalty_points: null }))
      })
    })

    describe("store", () => {
      it("the logged-in customer reads their own balance and history, nobody else's", async () => {
        const me = await newCustomer()
        const other = await newCustomer()
        await adjust(me.id, { direction: "add", points: 250, reason: "Birthday" })
        await adjust(other.id, { direction: "add", points: 999, reason: "Other" })
        await points().credit({
          customer_id: me.id,
          points: 100,
          kind: "earn",
          reason: "Order #12",
          actor_type: "system",
          source_type: "order",
          source_id: "order_12",
          idempotency_key: `earn-${me.id}`,
          earned_at: new Date(Date.now() - 350 * DAY),
        })
        let res = await api.get("/store/backoffice/loyalty", { headers: me.store })
        expect(res.data.loyalty).toEqual(
          expect.objectContaining({ balance: 350, value: 3.5, expiring_soon: 100, expiring_soon_days: 30 })
        )
        expect(res.data.loyalty.next_expiry.points).toBe(100)
        res = await api.get("/store/backoffice/loyalty/history", { headers: me.store })
        expect(res.data.count).toBe(2)
        expect(res.data.entries.map((e: any) => e.points).sort()).toEqual([100, 250])
        expect(res.data.entries[0]).not.toHaveProperty("actor_id")
        expect(res.data.entries[0]).not.toHaveProperty("idempotency_key")
        // IDOR: query parameters cannot point at another customer
        for (const url of [
          `/store/backoffice/loyalty?customer_id=${other.id}`,
          `/store/backoffice/loyalty/history?customer_id=${other.id}`,
        ]) {
          const r = await api.get(url, { headers: me.store, ...ok })
          expect(r.status === 400 || r.data.loyalty?.balance === 350).toBe(true)
          expect(JSON.stringify(r.data)).not.toContain("999")
        }
      })
    })

    describe("expiry job", () => {
      it("runs on demand as a background job, expires due lots once, emits per customer, writes the timeline", async () => {
        const a = await newCustomer()
        const b = await newCustomer()
        for (const [c, pts, age] of [
          [a, 100, 400],
          [a, 50, 380],
          [a, 30, 10],
          [b, 70, 366],
        ] as const) {
          await points().credit({
            customer_id: c.id,
            points: pts,
            kind: "earn",
            reason: "Order",
            actor_type: "system",
            idempotency_key: `earn-${c.id}-${pts}`,
            earned_at: new Date(Date.now() - age * DAY),
          })
        }
        const run = async () => {
          const res = await api.post(`/admin/backoffice/loyalty/expire`, {}, { headers: admin })
          expect(res.status).toBe(202)
          return await waitFor(
            async () => {
              const r = await api.get(`/admin/backoffice/jobs/${res.data.job.id}`, { headers: admin })
              return r.data.job.status === "completed" ? r.data.job : null
            },
            { what: "the expiry job to complete", timeoutMs: 30_000 }
          )
        }
        const job = await run()
        expect(job.type).toBe("loyalty.expire_points")
        expect(job.result).toEqual(expect.objectContaining({ lots: 3, points: 220 }))
        expect(job.progress).toBe(100)
        expect(await points().balance(a.id)).toBe(30)
        expect(await points().balance(b.id)).toBe(0)

        const again = await run()
        expect(again.result).toEqual(expect.objectContaining({ lots: 0, points: 0 }))
        const [, expired] = await points().listAndCountPointsEntries({ kind: "expire", customer_id: [a.id, b.id] })
        expect(expired).toBe(3)

        const timeline = await waitFor(
          async () => {
            const r = await api.get(`/admin/backoffice/customers/${a.id}/timeline?kind=points.expired`, {
              headers: admin,
            })
            return r.data.entries.length ? r.data.entries : null
          },
          { what: "the points.expired timeline entry" }
        )
        expect(timeline[0].summary).toBe("150 points expired")
        const audit = await points().audit()
        expect(audit.mismatches).toEqual([])
      })

      it("registers the daily schedule where workers run", async () => {
        const jobs = getContainer().resolve("backoffice_jobs") as any
        const schedules = await jobs.runtime.listSchedules()
        expect(schedules.filter((s: any) => s.name.startsWith("loyalty."))).toEqual([
          expect.objectContaining({
            name: "loyalty.expire_points.daily",
            type: "loyalty.expire_points",
            pattern: "15 3 * * *",
            tz: "UTC",
          }),
        ])
      })
    })
  },
})
