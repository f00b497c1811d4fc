import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { useTestHost } from "../helpers/test-host"
import { createAdminHeaders } from "../helpers/admin"
import { waitFor } from "../helpers/wait"
import { createCustomerListIndexes } from "../../src/migration-scripts/customer-list-indexes"

jest.setTimeout(120_000)

const ROUTES: [string, string][] = [
  ["get", "/admin/backoffice/customers"],
  ["get", "/admin/backoffice/customers/removed"],
  ["delete", "/admin/backoffice/customers/cus_missing"],
  ["post", "/admin/backoffice/customers/delete"],
  ["post", "/admin/backoffice/customers/delete-preview"],
  ["post", "/admin/backoffice/customers/restore"],
]

type Seed = {
  headers: Record<string, string>
  userId: string
  vip: string
  wholesale: string
  alice: string
  bob: string
  carol: string
  dan: string
}

/**
 * Four customers, one of each kind, created on different days:
 * - Alice Archer: registered, VIP, 2026-01-10
 * - Bob Baker:    in store (created by staff), Wholesale, 2026-02-10
 * - Carol Clark:  guest, VIP + Wholesale, 2026-03-10
 * - Dan Doe:      guest, company "Doe Ltd", no category, 2026-04-10
 */
async function seed(container: MedusaContainer): Promise<Seed> {
  const { headers, user } = await createAdminHeaders(container)
  const customers = container.resolve(Modules.CUSTOMER)
  const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  await createCustomerListIndexes(knex)
  const [vip, wholesale] = await customers.createCustomerGroups([
    { name: "VIP" },
    { name: "Wholesale" },
  ])
  const [alice, bob, carol, dan] = await customers.createCustomers([
    { first_name: "Alice", last_name: "Archer", email: "alice@example.com", phone: "+15550001", has_account: true },
    { first_name: "Bob", last_name: "Baker", email: "bob@example.com", phone: "+15550002", created_by: user.id },
    { first_name: "Carol", last_name: "Clark", email: "carol@example.com" },
    { first_name: "Dan", last_name: "Doe", email: "dan@shop.test", company_name: "Doe Ltd" },
  ])
  await customers.addCustomerToGroup([
    { customer_id: alice.id, customer_group_id: vip.id },
    { customer_id: bob.id, customer_group_id: wholesale.id },
    { customer_id: carol.id, customer_group_id: vip.id },
    { customer_id: carol.id, customer_group_id: wholesale.id },
  ])
  const days: [string, string][] = [
    [alice.id, "2026-01-10T12:00:00Z"],
    [bob.id, "2026-02-10T12:00:00Z"],
    [carol.id, "2026-03-10T12:00:00Z"],
    [dan.id, "2026-04-10T12:00:00Z"],
  ]
  for (const [id, at] of days) {
    await knex("customer").where({ id }).update({ created_at: at })
  }
  return {
    headers,
    userId: user.id,
    vip: vip.id,
    wholesale: wholesale.id,
    alice: alice.id,
    bob: bob.id,
    carol: carol.id,
    dan: dan.id,
  }
}

useTestHost({
  prefix: "cbo-http-list",
  admin: false,
  testSuite: ({ api, getContainer }) => {
    let s: Seed
    // Runs before the runner snapshots the database: every test starts from this seed.
    beforeAll(async () => {
      s = await seed(getContainer())
    })
    const get = (url: string) => api.get(url, { headers: s.headers, validateStatus: () => true })
    const post = (url: string, body: object) =>
      api.post(url, body, { headers: s.headers, validateStatus: () => true })
    const names = (res: { data: { customers: { first_name: string }[] } }) =>
      res.data.customers.map((c) => c.first_name)

    /** An order, announced with order.placed; waits until the list's order columns count it. */
    async function createOrder(customerId: string, email: string) {
      const container = getContainer()
      const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const before = await knex("customer_sales").where({ customer_id: customerId }).first()
      const orders = container.resolve(Modules.ORDER)
      const order = await orders.createOrders({ currency_code: "usd", customer_id: customerId, email })
      await container.resolve(Modules.EVENT_BUS).emit({ name: "order.placed", data: { id: order.id } })
      await waitFor(
        async () => {
          const row = await knex("customer_sales").where({ customer_id: customerId }).first()
          return row && row.order_count === (before?.order_count ?? 0) + 1
        },
        { what: "the order counted on the list" }
      )
      return order
    }

    describe("authentication", () => {
      it.each(ROUTES)("%s %s answers 401 without an admin session", async (method, url) => {
        const opts = { validateStatus: () => true }
        const res =
          method === "post"
            ? await api.post(url, { ids: ["x"] }, opts)
            : method === "delete"
              ? await api.delete(url, opts)
              : await api.get(url, opts)
        expect(res.status).toBe(401)
      })
    })

    describe("GET /admin/backoffice/customers", () => {
      it("lists live customers newest first with status, categories and order counts", async () => {
        await createOrder(s.alice, "alice@example.com")
        await createOrder(s.alice, "alice@example.com")
        const res = await get("/admin/backoffice/customers")
        expect(res.status).toBe(200)
        expect(res.data.count).toBe(4)
        expect(res.data.limit).toBe(20)
        expect(res.data.offset).toBe(0)
        expect(names(res)).toEqual(["Dan", "Carol", "Bob", "Alice"])
        const alice = res.data.customers.find((c: { id: string }) => c.id === s.alice)
        expect(alice).toEqual({
          id: s.alice,
          first_name: "Alice",
          last_name: "Archer",
          email: "alice@example.com",
          phone: "+15550001",
          company_name: null,
          has_account: true,
          status: "registered",
          categories: [{ id: s.vip, name: "VIP" }],
          order_count: 2,
          total_spent: 0,
          total_spent_currency: expect.any(String),
          last_order_at: expect.any(String),
          created_at: "2026-01-10T12:00:00.000Z",
          deleted_at: null,
          customer_number: null,
          photo_url: null,
          date_of_birth: null,
          email_invalid_at: null,
          email_last_attempt_at: null,
          loyalty_points: null,
          loyalty_enrolled: false,
          account_type: "retail",
        })
        const carol = res.data.customers.find((c: { id: string }) => c.id === s.carol)
        expect(carol.categories).toEqual([
          { id: s.vip, name: "VIP" },
          { id: s.wholesale, name: "Wholesale" },
        ])
        expect(carol.status).toBe("guest")
        expect(carol.order_count).toBe(0)
        const bob = res.data.customers.find((c: { id: string }) => c.id === s.bob)
        expect(bob.status).toBe("in_store")
      })

      it.each([
        ["registered", ["Alice"]],
        ["in_store", ["Bob"]],
        ["guest", ["Dan", "Carol"]],
        ["registered,in_store", ["Bob", "Alice"]],
      ])("filters by status=%s", async (status, expected) => {
        const res = await get(`/admin/backoffice/customers?status=${status}`)
        expect(res.status).toBe(200)
        expect(names(res)).toEqual(expected)
        expect(res.data.count).toBe(expected.length)
      })

      it("filters by category (any of the given ones)", async () => {
        const vip = await get(`/admin/backoffice/customers?category=${s.vip}`)
        expect(names(vip)).toEqual(["Carol", "Alice"])
        const both = await get(`/admin/backoffice/customers?category=${s.vip},${s.wholesale}`)
        expect(names(both)).toEqual(["Carol", "Bob", "Alice"])
        expect(both.data.count).toBe(3)
        const unknown = await get(`/admin/backoffice/customers?category=cusgroup_unknown`)
        expect(unknown.data.count).toBe(0)
      })

      it("filters by created date range (a plain end date includes that day)", async () => {
        const res = await get("/admin/backoffice/customers?created_from=2026-02-01&created_to=2026-03-10")
        expect(names(res)).toEqual(["Carol", "Bob"])
        const from = await get("/admin/backoffice/customers?created_from=2026-03-10T12:00:01Z")
        expect(names(from)).toEqual(["Dan"])
        const to = await get("/admin/backoffice/customers?created_to=2026-01-31")
        expect(names(to)).toEqual(["Alice"])
      })

      it.each([
        ["alice", ["Alice"]],
        ["ARCHER", ["Alice"]],
        ["bob baker", ["Bob"]],
        ["shop.test", ["Dan"]],
        ["doe ltd", ["Dan"]],
        ["5550002", ["Bob"]],
        ["example.com", ["Carol", "Bob", "Alice"]],
        ["%", []],
        ["zzz", []],
      ])("searches name, email, phone and company: q=%s", async (q, expected) => {
        const res = await get(`/admin/backoffice/customers?q=${encodeURIComponent(q)}`)
        expect(res.status).toBe(200)
        expect(names(res)).toEqual(expected)
      })

      it("combines filters", async () => {
        const res = await get(
          `/admin/backoffice/customers?status=guest&category=${s.wholesale}&q=clark&created_from=2026-03-01`
        )
        expect(names(res)).toEqual(["Carol"])
      })

      it.each([
        ["name", ["Alice", "Bob", "Carol", "Dan"]],
        ["-name", ["Dan", "Carol", "Bob", "Alice"]],
        ["email", ["Alice", "Bob", "Carol", "Dan"]],
        ["-email", ["Dan", "Carol", "Bob", "Alice"]],
        ["created_at", ["Alice", "Bob", "Carol", "Dan"]],
        ["-created_at", ["Dan", "Carol", "Bob", "Alice"]],
      ])("sorts by order=%s", async (order, expected) => {
        const res = await get(`/admin/backoffice/customers?order=${order}`)
        expect(names(res)).toEqual(expected)
      })

      it("paginates with limit and offset and counts the whole filtered set", async () => {
        const res = await get("/admin/backoffice/customers?order=name&limit=2&offset=1")
        expect(names(res)).toEqual(["Bob", "Carol"])
        expect(res.data).toEqual(expect.objectContaining({ count: 4, limit: 2, offset: 1 }))
        const past = await get("/admin/backoffice/customers?limit=2&offset=10")
        expect(past.data.customers).toEqual([])
        expect(past.data.count).toBe(4)
      })

      it.each([
        ["status=vip", "status.0"],
        ["limit=0", "limit"],
        ["limit=500", "limit"],
        ["offset=-1", "offset"],
        ["created_from=yesterday", "created_from"],
        ["created_from=2026-03-01&created_to=2026-02-01", "created_to"],
        ["order=phone", "order"],
        ["colour=red", "(body)"],
      ])("answers 400 with field messages for %s", async (query, field) => {
        const res = await get(`/admin/backoffice/customers?${query}`)
        expect(res.status).toBe(400)
        expect(res.data.type).toBe("invalid_data")
        expect(res.data.errors.map((e: { field: string }) => e.field)).toContain(field)
        expect(res.data.errors[0].message).toEqual(expect.any(String))
      })
    })

    describe("filters over profiles and stores", () => {
      const ok = { validateStatus: () => true }
      const setProfile = async (id: string, body: object) => {
        const res = await api.post(`/admin/backoffice/customers/${id}/profile`, body, { headers: s.headers, ...ok })
        expect(res.status).toBe(200)
      }
      const sql = (query: string, bindings: unknown[] = []) =>
        getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION).raw(query, bindings)

      it("rows carry the profile columns: customer ID number, photo, date of birth, invalid email dates", async () => {
        await setProfile(s.alice, { customer_number: "C-1001", date_of_birth: "1985-07-14" })
        await sql("update customer_profile set photo_url = ? where customer_id = ?", [
          "https://cdn.example.com/alice.png",
          s.alice,
        ])
        const bounce = await post("/admin/backoffice/customers/email-bounces", {
          email: "alice@example.com",
          attempted_at: "2026-05-02T09:30:00Z",
        })
        expect(bounce.status).toBe(200)
        const res = await get("/admin/backoffice/customers")
        const alice = res.data.customers.find((c: { id: string }) => c.id === s.alice)
        expect(alice).toMatchObject({
          customer_number: "C-1001",
          photo_url: "https://cdn.example.com/alice.png",
          date_of_birth: "1985-07-14T00:00:00.000Z",
          email_invalid_at: "2026-05-02T09:30:00.000Z",
          email_last_attempt_at: "2026-05-02T09:30:00.000Z",
        })
        const bob = res.data.customers.find((c: { id: string }) => c.id === s.bob)
        expect(bob.email_invalid_at).toBeNull()
      })

      it("filters by invalid email (true and false)", async () => {
        await post("/admin/backoffice/customers/email-bounces", { email: "bob@example.com" })
        await post("/admin/backoffice/customers/email-bounces", { email: "dan@shop.test" })
        const invalid = await get("/admin/backoffice/customers?invalid_email=true")
        expect(invalid.status).toBe(200)
        expect(names(invalid)).toEqual(["Dan", "Bob"])
        expect(invalid.data.count).toBe(2)
        const valid = await get("/admin/backoffice/customers?invalid_email=false")
        expect(names(valid)).toEqual(["Carol", "Alice"])
      })

      it("filters by birthday this month (any year)", async () => {
        const now = new Date()
        const month = now.getUTCMonth() + 1
        const other = (month % 12) + 1
        const pad = (n: number) => String(n).padStart(2, "0")
        await setProfile(s.alice, { date_of_birth: `1990-${pad(month)}-01` })
        await setProfile(s.carol, { date_of_birth: `1975-${pad(month)}-28` })
        await setProfile(s.bob, { date_of_birth: `1980-${pad(other)}-15` })
        const res = await get("/admin/backoffice/customers?birthday_this_month=true")
        expect(res.status).toBe(200)
        expect(names(res)).toEqual(["Carol", "Alice"])
        const combined = await get(`/admin/backoffice/customers?birthday_this_month=true&category=${s.wholesale}`)
        expect(names(combined)).toEqual(["Carol"])
      })

      it("finds a customer by their customer ID number (exact, any case)", async () => {
        await setProfile(s.bob, { customer_number: "POS-0042" })
        const exact = await get("/admin/backoffice/customers?q=pos-0042")
        expect(exact.status).toBe(200)
        expect(names(exact)).toEqual(["Bob"])
        // name / email / phone search still works next to it
        expect(names(await get("/admin/backoffice/customers?q=archer"))).toEqual(["Alice"])
      })

      it("filters by status pending_approval (stored on the profile, wins over the derived status)", async () => {
        await setProfile(s.bob, { title: "Mr" })
        await sql("update customer_profile set status_override = 'pending_approval' where customer_id = ?", [s.bob])
        const pending = await get("/admin/backoffice/customers?status=pending_approval")
        expect(pending.status).toBe(200)
        expect(names(pending)).toEqual(["Bob"])
        expect(pending.data.customers[0].status).toBe("pending_approval")
        expect(names(await get("/admin/backoffice/customers?status=in_store"))).toEqual([])
        expect(names(await get("/admin/backoffice/customers?status=pending_approval,registered"))).toEqual([
          "Bob",
          "Alice",
        ])
      })

      it("filters by store (customers assigned to any of the given sales channels)", async () => {
        const channels = getContainer().resolve(Modules.SALES_CHANNEL)
        const [north, south] = await channels.createSalesChannels([{ name: "North store" }, { name: "South store" }])
        const setStores = async (id: string, ids: string[]) => {
          const res = await post(`/admin/backoffice/customers/${id}/stores`, { sales_channel_ids: ids })
          expect(res.status).toBe(200)
        }
        await setStores(s.alice, [north.id])
        await setStores(s.bob, [south.id])
        await setStores(s.carol, [north.id, south.id])
        const n = await get(`/admin/backoffice/customers?store=${north.id}`)
        expect(n.status).toBe(200)
        expect(names(n)).toEqual(["Carol", "Alice"])
        expect(n.data.count).toBe(2)
        expect(names(await get(`/admin/backoffice/customers?store=${south.id}`))).toEqual(["Carol", "Bob"])
        expect(names(await get(`/admin/backoffice/customers?store=${north.id},${south.id}`))).toEqual([
          "Carol",
          "Bob",
          "Alice",
        ])
        // bulk assign from the list: Bob gains North, keeps South
        const bulk = await post("/admin/backoffice/customers/stores", { customer_ids: [s.bob], add: [north.id] })
        expect(bulk.status).toBe(200)
        expect(names(await get(`/admin/backoffice/customers?store=${north.id}`))).toEqual(["Carol", "Bob", "Alice"])
        expect(names(await get(`/admin/backoffice/customers?store=${south.id}&status=in_store`))).toEqual(["Bob"])
      })

      it("rejects bad filter values with 400", async () => {
        for (const qs of ["invalid_email=maybe", "birthday_this_month=sometimes", "status=vip"]) {
          const res = await get(`/admin/backoffice/customers?${qs}`)
          expect(res.status).toBe(400)
        }
      })
    })

    describe("delete, removed customers and restore", () => {
      it("previews a delete: how many customers, how many with sales activity", async () => {
        await createOrder(s.alice, "alice@example.com")
        await createOrder(s.bob, "bob@example.com")
        await createOrder(s.bob, "bob@example.com")
        const res = await post("/admin/backoffice/customers/delete-preview", {
          ids: [s.alice, s.bob, s.carol, "cus_unknown"],
        })
        expect(res.status).toBe(200)
        expect(res.data).toEqual({ count: 3, with_orders: 2, not_found: ["cus_unknown"] })
        const none = await post("/admin/backoffice/customers/delete-preview", { ids: [s.dan] })
        expect(none.data).toEqual({ count: 1, with_orders: 0, not_found: [] })
      })

      it("deletes one customer softly: gone from the list, listed as removed, orders keep it", async () => {
        const [order] = await createOrder(s.alice, "alice@example.com").then((o) => [o].flat())
        const res = await api.delete(`/admin/backoffice/customers/${s.alice}`, { headers: s.headers })
        expect(res.status).toBe(200)
        expect(res.data).toEqual({ id: s.alice, object: "customer", deleted: true })

        const list = await get("/admin/backoffice/customers")
        expect(names(list)).toEqual(["Dan", "Carol", "Bob"])

        const removed = await get("/admin/backoffice/customers/removed")
        expect(removed.status).toBe(200)
        expect(removed.data.count).toBe(1)
        expect(removed.data.customers[0]).toEqual(
          expect.objectContaining({
            id: s.alice,
            email: "alice@example.com",
            removed_by: s.userId,
            deleted_at: expect.any(String),
            order_count: 1,
          })
        )
        const orders = getContainer().resolve(Modules.ORDER)
        const kept = await orders.retrieveOrder(order.id)
        expect(kept.customer_id).toBe(s.alice)

        const again = await api.delete(`/admin/backoffice/customers/${s.alice}`, {
          headers: s.headers,
          validateStatus: () => true,
        })
        expect(again.status).toBe(404)
      })

      it("answers 404 for an unknown customer", async () => {
        const res = await api.delete("/admin/backoffice/customers/cus_unknown", {
          headers: s.headers,
          validateStatus: () => true,
        })
        expect(res.status).toBe(404)
      })

      it("bulk deletes all or none", async () => {
        const bad = await post("/admin/backoffice/customers/delete", { ids: [s.bob, "cus_unknown"] })
        expect(bad.status).toBe(404)
        expect(bad.data.message).toContain("cus_unknown")
        expect((await get("/admin/backoffice/customers")).data.count).toBe(4)

        const res = await post("/admin/backoffice/customers/delete", { ids: [s.bob, s.carol] })
        expect(res.status).toBe(200)
        expect(res.data).toEqual(
          expect.objectContaining({ deleted: true, count: 2, ids: [s.bob, s.carol] })
        )
        expect(names(await get("/admin/backoffice/customers"))).toEqual(["Dan", "Alice"])
        expect((await get("/admin/backoffice/customers/removed")).data.count).toBe(2)
      })

      it.each([
        ["/admin/backoffice/customers/delete", {}, "ids"],
        ["/admin/backoffice/customers/delete", { ids: [] }, "ids"],
        ["/admin/backoffice/customers/delete", { ids: "cus_1" }, "ids"],
        ["/admin/backoffice/customers/delete-preview", { ids: [1] }, "ids.0"],
        ["/admin/backoffice/customers/restore", { ids: [], extra: true }, "ids"],
      ])("POST %s answers 400 for %j", async (url, body, field) => {
        const res = await post(url, body)
        expect(res.status).toBe(400)
        expect(res.data.errors.map((e: { field: string }) => e.field)).toContain(field)
        expect((await get("/admin/backoffice/customers")).data.count).toBe(4)
      })

      it("searches, sorts and paginates removed customers", async () => {
        await post("/admin/backoffice/customers/delete", { ids: [s.alice, s.bob, s.carol] })
        const search = await get("/admin/backoffice/customers/removed?q=baker")
        expect(names(search)).toEqual(["Bob"])
        const page = await get("/admin/backoffice/customers/removed?order=name&limit=2&offset=1")
        expect(names(page)).toEqual(["Bob", "Carol"])
        expect(page.data.count).toBe(3)
        const bad = await get("/admin/backoffice/customers/removed?limit=x")
        expect(bad.status).toBe(400)
        expect(bad.data.errors[0].field).toBe("limit")
      })

      it("restores customers with their categories", async () => {
        await post("/admin/backoffice/customers/delete", { ids: [s.carol, s.dan] })
        const res = await post("/admin/backoffice/customers/restore", { ids: [s.carol, s.dan] })
        expect(res.status).toBe(200)
        expect(res.data.count).toBe(2)
        const list = await get("/admin/backoffice/customers")
        expect(list.data.count).toBe(4)
        const carol = list.data.customers.find((c: { id: string }) => c.id === s.carol)
        expect(carol.deleted_at).toBeNull()
        expect(carol.categories.map((c: { name: string }) => c.name)).toEqual(["VIP", "Wholesale"])
        expect((await get("/admin/backoffice/customers/removed")).data.count).toBe(0)

        // removed again later: a new removal record, restorable again
        await post("/admin/backoffice/customers/delete", { ids: [s.carol] })
        const again = await post("/admin/backoffice/customers/restore", { ids: [s.carol] })
        expect(again.status).toBe(200)
      })

      it("refuses to restore a live customer or an unknown id (404, nothing restored)", async () => {
        await post("/admin/backoffice/customers/delete", { ids: [s.carol] })
        const res = await post("/admin/backoffice/customers/restore", { ids: [s.carol, s.dan] })
        expect(res.status).toBe(404)
        expect(res.data.message).toContain(s.dan)
        expect((await get("/admin/backoffice/customers/removed")).data.count).toBe(1)
      })

      it("answers 409 and restores nothing when an email is now used by another customer", async () => {
        await post("/admin/backoffice/customers/delete", { ids: [s.alice, s.bob] })
        const customers = getContainer().resolve(Modules.CUSTOMER)
        // a new registered account with Alice's email
        await customers.createCustomers({ first_name: "Alicia", email: "alice@example.com", has_account: true })
        const res = await post("/admin/backoffice/customers/restore", { ids: [s.bob, s.alice] })
        expect(res.status).toBe(409)
        expect(res.data.type).toBe("conflict")
        expect(res.data.message).toContain("alice@example.com")
        expect(res.data.conflicts).toEqual([
          expect.objectContaining({ id: s.alice, email: "alice@example.com", has_account: true }),
        ])
        const removed = await get("/admin/backoffice/customers/removed")
        expect(removed.data.count).toBe(2)

        // the workflow itself refuses the batch too (a conflict arising after the route's check)
        const engine = getContainer().resolve(Modules.WORKFLOW_ENGINE)
        const run = await engine.run("cbo-restore-customers", {
          input: { ids: [s.bob, s.alice] },
          throwOnError: false,
        })
        expect(run.errors?.[0]?.error?.message).toContain("alice@example.com")
        expect((await get("/admin/backoffice/customers/removed")).data.count).toBe(2)

        // once that account is gone, a guest with Alice's email does not block her:
        // Medusa allows one guest and one registered customer per email
        const alicia = (await customers.listCustomers({ first_name: "Alicia" }))[0]
        await customers.softDeleteCustomers([alicia.id])
        await customers.createCustomers({ first_name: "Guest", email: "alice@example.com" })
        const ok = await post("/admin/backoffice/customers/restore", { ids: [s.bob, s.alice] })
        expect(ok.status).toBe(200)
        expect(ok.data.count).toBe(2)
      })
    })

    describe("permissions with RBAC off (Medusa's default)", () => {
      it("every admin may use the guarded routes: no role needed, and Medusa's permissions endpoint is absent", async () => {
        // the admin of this file has no role at all
        const me = await get("/admin/rbac/me/permissions")
        expect(me.status).toBe(404)
        const customers = getContainer().resolve(Modules.CUSTOMER)
        const c = await customers.createCustomers({ first_name: "Norole", email: `norole-${Date.now()}@example.com` })
        const res = await post("/admin/backoffice/customers/delete", { ids: [c.id] })
        expect(res.status).toBe(200)
        expect(res.data.count).toBe(1)
        expect((await customers.listCustomers({ id: c.id })).length).toBe(0)
      })
    })
  },
})
