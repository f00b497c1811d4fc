import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { useTestHost } from "../helpers/test-host"
import { waitFor } from "../helpers/wait"
import { backfillDefaultStores } from "../../src/workflows/customer-stores/backfill"

jest.setTimeout(120_000)

const CATEGORIES_CHANGED = "customer_backoffice.categories.changed"
const STORES_CHANGED = "customer_backoffice.stores.changed"

const ROUTES: [string, string][] = [
  ["get", "/admin/backoffice/categories"],
  ["post", "/admin/backoffice/categories"],
  ["get", "/admin/backoffice/categories/cusgroup_x"],
  ["post", "/admin/backoffice/categories/cusgroup_x"],
  ["delete", "/admin/backoffice/categories/cusgroup_x"],
  ["post", "/admin/backoffice/categories/cusgroup_x/customers"],
  ["get", "/admin/backoffice/categories/cusgroup_x/members.csv"],
  ["get", "/admin/backoffice/customers/cus_x/categories"],
  ["post", "/admin/backoffice/customers/cus_x/categories"],
  ["get", "/admin/backoffice/customers/cus_x/stores"],
  ["post", "/admin/backoffice/customers/cus_x/stores"],
  ["post", "/admin/backoffice/customers/stores"],
]

const NO_THROW = { validateStatus: () => true }

useTestHost({
  prefix: "cbo-http-cat",
  testSuite: ({ api, getContainer, session }) => {
    const headers = session.headers
    const events: { name: string; data: any }[] = []
    let subscribed = false

    beforeEach(async () => {
      events.length = 0
      if (!subscribed) {
        const bus = getContainer().resolve(Modules.EVENT_BUS)
        for (const name of [CATEGORIES_CHANGED, STORES_CHANGED]) {
          bus.subscribe(name, async (e: { name?: string; data: any }) => {
            events.push({ name, data: e.data })
          }, { subscriberId: `test-${name}` })
        }
        subscribed = true
      }
    })

    const opts = () => ({ headers, ...NO_THROW })
    const sql = async (text: string, params: unknown[] = []) =>
      (await getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION).raw(text, params)).rows

    async function createCustomer(data: Record<string, unknown>) {
      const res = await api.post("/admin/customers", data, { headers })
      return res.data.customer as { id: string }
    }

    async function createChannels(...names: string[]) {
      const sc = getContainer().resolve(Modules.SALES_CHANNEL)
      return sc.createSalesChannels(names.map((name) => ({ name })))
    }

    async function allChannelIds() {
      const sc = getContainer().resolve(Modules.SALES_CHANNEL)
      return (await sc.listSalesChannels({}, { select: ["id"] })).map((s) => s.id).sort()
    }

    async function storesOf(customerId: string): Promise<string[]> {
      const res = await api.get(`/admin/backoffice/customers/${customerId}/stores`, { headers })
      return [...res.data.sales_channel_ids].sort()
    }

    async function createCategory(name: string, description?: string) {
      const res = await api.post("/admin/backoffice/categories", { name, description }, { headers })
      expect(res.status).toBe(201)
      return res.data.category as { id: string; name: string }
    }

    describe("authentication", () => {
      it("every route answers 401 without an admin session", async () => {
        for (const [method, url] of ROUTES) {
          const res =
            method === "post"
              ? await api.post(url, {}, NO_THROW)
              : method === "delete"
                ? await api.delete(url, NO_THROW)
                : await api.get(url, NO_THROW)
          expect([method, url, res.status]).toEqual([method, url, 401])
        }
        const bad = await api.get("/admin/backoffice/categories", {
          headers: { authorization: "Bearer not-a-valid-token" },
          ...NO_THROW,
        })
        expect(bad.status).toBe(401)
      })
    })

    describe("categories", () => {
      it("creates a category (customer group + description), lists it with its customer count, searches and pages", async () => {
        const vip = await createCategory("VIP", "Best customers")
        expect(vip.id).toMatch(/^cusgroup_/)
        await createCategory("Wholesale")
        await createCategory("Staff", "Employees")
        // the category is a core customer group
        const core = await api.get(`/admin/customer-groups/${vip.id}`, { headers })
        expect(core.data.customer_group.name).toBe("VIP")

        const a = await createCustomer({ email: "a@example.com", first_name: "A" })
        const b = await createCustomer({ email: "b@example.com", first_name: "B" })
        const gone = await createCustomer({ email: "gone@example.com" })
        await api.post(`/admin/backoffice/categories/${vip.id}/customers`, { add: [a.id, b.id, gone.id] }, { headers })
        await api.delete(`/admin/customers/${gone.id}`, { headers })

        const list = await api.get("/admin/backoffice/categories", { headers })
        expect(list.status).toBe(200)
        expect(list.data.count).toBe(3)
        expect(list.data.categories.map((c: any) => c.name)).toEqual(["Staff", "VIP", "Wholesale"])
        expect(list.data.categories.find((c: any) => c.id === vip.id)).toEqual(
          expect.objectContaining({ name: "VIP", description: "Best customers", customer_count: 2 })
        )

        const search = await api.get("/admin/backoffice/categories?q=whole", { headers })
        expect(search.data.categories.map((c: any) => c.name)).toEqual(["Wholesale"])
        expect(search.data.count).toBe(1)

        const page = await api.get("/admin/backoffice/categories?limit=1&offset=1", { headers })
        expect(page.data.categories.map((c: any) => c.name)).toEqual(["VIP"])
        expect(page.data.count).toBe(3)

        const byCount = await api.get("/admin/backoffice/categories?order=-customer_count", { headers })
        expect(byCount.data.categories[0].id).toBe(vip.id)

        const one = await api.get(`/admin/backoffice/categories/${vip.id}`, { headers })
        expect(one.data.category).toEqual(expect.objectContaining({ customer_count: 2 }))
      })

      it("rolls the customer group back when its description cannot be saved (compensation)", async () => {
        const service = getContainer().resolve("customer_categories")
        const original = service.createCategoryDetails
        service.createCategoryDetails = async () => {
          throw new Error("simulated failure while saving the description")
        }
        try {
          const res = await api.post("/admin/backoffice/categories", { name: "Broken", description: "x" }, opts())
          expect(res.status).toBeGreaterThanOrEqual(500)
        } finally {
          service.createCategoryDetails = original
        }
        expect(await sql("select id from customer_group where name = 'Broken' and deleted_at is null")).toEqual([])
        const again = await api.post("/admin/backoffice/categories", { name: "Broken", description: "x" }, opts())
        expect(again.status).toBe(201)
      })

      it("answers 400 with field messages and writes nothing on bad input", async () => {
        const before = await sql("select count(*)::int as n from customer_group")
        const empty = await api.post("/admin/backoffice/categories", { name: "  " }, opts())
        expect(empty.status).toBe(400)
        expect(empty.data.errors).toEqual([{ field: "name", message: "Name is required" }])

        const long = await api.post(
          "/admin/backoffice/categories",
          { name: "x", description: "d".repeat(1001), color: "red" },
          opts()
        )
        expect(long.status).toBe(400)
        expect(long.data.errors.map((e: any) => e.field).sort()).toEqual(["(body)", "description"].sort())

        await createCategory("VIP")
        const dup = await api.post("/admin/backoffice/categories", { name: "vip" }, opts())
        expect(dup.status).toBe(400)
        expect(dup.data.errors).toEqual([{ field: "name", message: 'A category named "vip" already exists' }])

        const badQuery = await api.get("/admin/backoffice/categories?limit=0&order=size", opts())
        expect(badQuery.status).toBe(400)
        expect(badQuery.data.errors.map((e: any) => e.field).sort()).toEqual(["limit", "order"])

        const after = await sql("select count(*)::int as n from customer_group")
        expect(after[0].n).toBe(before[0].n + 1)
        expect((await sql("select count(*)::int as n from category_detail"))[0].n).toBe(1)
      })

      it("renames, changes and clears the description; 404 for an unknown category", async () => {
        const vip = await createCategory("VIP", "Best")
        await createCategory("Gold")
        const renamed = await api.post(
          `/admin/backoffice/categories/${vip.id}`,
          { name: "Platinum", description: "Top spenders" },
          { headers }
        )
        expect(renamed.status).toBe(200)
        expect(renamed.data.category).toEqual(
          expect.objectContaining({ id: vip.id, name: "Platinum", description: "Top spenders" })
        )
        const cleared = await api.post(`/admin/backoffice/categories/${vip.id}`, { description: "" }, { headers })
        expect(cleared.data.category).toEqual(expect.objectContaining({ name: "Platinum", description: null }))

        const taken = await api.post(`/admin/backoffice/categories/${vip.id}`, { name: "GOLD" }, opts())
        expect(taken.status).toBe(400)
        expect(taken.data.errors[0].field).toBe("name")
        const bad = await api.post(`/admin/backoffice/categories/${vip.id}`, { name: "" }, opts())
        expect(bad.status).toBe(400)
        const still = await api.get(`/admin/backoffice/categories/${vip.id}`, { headers })
        expect(still.data.category.name).toBe("Platinum")

        // a customer group created in Medusa's own screens gets a description on first edit
        const core = await api.post("/admin/customer-groups", { name: "From core" }, { headers })
        const gid = core.data.customer_group.id
        const described = await api.post(`/admin/backoffice/categories/${gid}`, { description: "Now described" }, { headers })
        expect(described.data.category.description).toBe("Now described")

        for (const [method, url] of [
          ["get", "/admin/backoffice/categories/cusgroup_missing"],
          ["post", "/admin/backoffice/categories/cusgroup_missing"],
          ["delete", "/admin/backoffice/categories/cusgroup_missing"],
          ["post", "/admin/backoffice/categories/cusgroup_missing/customers"],
          ["get", "/admin/backoffice/categories/cusgroup_missing/members.csv"],
        ]) {
          const body = url.endsWith("customers") ? { add: ["cus_1"] } : { name: "x" }
          const res =
            method === "get"
              ? await api.get(url, opts())
              : method === "delete"
                ? await api.delete(url, opts())
                : await api.post(url, body, opts())
          expect([method, url, res.status]).toEqual([method, url, 404])
        }
      })

      it("deletes a category through Medusa's group deletion; price lists keep their other groups", async () => {
        const vip = await createCategory("VIP", "Best")
        const gold = await createCategory("Gold")
        const a = await createCustomer({ email: "a@example.com" })
        await api.post(`/admin/backoffice/categories/${vip.id}/customers`, { add: [a.id] }, { headers })
        const pl = await api.post(
          "/admin/price-lists",
          {
            title: "Members",
            description: "Member prices",
            type: "sale",
            rules: { "customer.groups.id": [vip.id, gold.id] },
          },
          { headers }
        )
        expect(pl.status).toBe(200)

        const del = await api.delete(`/admin/backoffice/categories/${vip.id}`, { headers })
        expect(del.status).toBe(200)
        expect(del.data).toEqual({ id: vip.id, object: "customer_category", deleted: true })
        expect((await api.get(`/admin/backoffice/categories/${vip.id}`, opts())).status).toBe(404)
        expect((await api.get(`/admin/customer-groups/${vip.id}`, opts())).status).toBe(404)
        expect(
          (await sql("select count(*)::int as n from category_detail where description = 'Best' and deleted_at is null"))[0].n
        ).toBe(0)

        const list = await api.get("/admin/backoffice/categories", { headers })
        expect(list.data.categories.map((c: any) => c.id)).toEqual([gold.id])
        const priceList = await api.get(`/admin/price-lists/${pl.data.price_list.id}`, { headers })
        expect(priceList.status).toBe(200)
        expect(priceList.data.price_list.rules["customer.groups.id"]).toContain(gold.id)
        // the customer is still there, without the category
        const cats = await api.get(`/admin/backoffice/customers/${a.id}/categories`, { headers })
        expect(cats.data.categories).toEqual([])
      })
    })

    describe("assigning customers", () => {
      it("adds and removes customers in bulk, emits one event per changed customer", async () => {
        const vip = await createCategory("VIP")
        const ids = []
        for (let i = 0; i < 5; i++) ids.push((await createCustomer({ email: `c${i}@example.com` })).id)
        await waitFor(async () => (await sql("select count(distinct customer_id)::int as n from customer_customer_sales_channel_sales_channel"))[0].n >= 5 || null)
        events.length = 0

        const added = await api.post(`/admin/backoffice/categories/${vip.id}/customers`, { add: ids }, { headers })
        expect(added.status).toBe(200)
        expect(added.data.category.customer_count).toBe(5)
        expect([...added.data.added].sort()).toEqual([...ids].sort())

        // adding again changes nothing
        const again = await api.post(`/admin/backoffice/categories/${vip.id}/customers`, { add: ids.slice(0, 2) }, { headers })
        expect(again.data.added).toEqual([])

        const removed = await api.post(
          `/admin/backoffice/categories/${vip.id}/customers`,
          { remove: ids.slice(0, 2) },
          { headers }
        )
        expect(removed.data.category.customer_count).toBe(3)
        expect([...removed.data.removed].sort()).toEqual(ids.slice(0, 2).sort())

        const changed = await waitFor(() => {
          const mine = events.filter((e) => e.name === CATEGORIES_CHANGED)
          return mine.length >= 7 ? mine : null
        })
        expect(changed).toHaveLength(7)
        expect(changed.map((e) => e.data)).toEqual(
          expect.arrayContaining([
            { customer_id: ids[0], added: [vip.id], removed: [] },
            { customer_id: ids[0], added: [], removed: [vip.id] },
            { customer_id: ids[4], added: [vip.id], removed: [] },
          ])
        )
      })

      it("rejects unknown customer ids with 400 naming them, and changes nothing", async () => {
        const vip = await createCategory("VIP")
        const a = await createCustomer({ email: "a@example.com" })
        const res = await api.post(
          `/admin/backoffice/categories/${vip.id}/customers`,
          { add: [a.id, "cus_missing1", "cus_missing2"] },
          opts()
        )
        expect(res.status).toBe(400)
        expect(res.data.errors).toEqual([
          { field: "add", message: "Unknown customers: cus_missing1, cus_missing2" },
        ])
        const empty = await api.post(`/admin/backoffice/categories/${vip.id}/customers`, {}, opts())
        expect(empty.status).toBe(400)
        expect(empty.data.errors[0]).toEqual({ field: "add", message: "Give at least one customer id to add or remove" })
        const wrongType = await api.post(`/admin/backoffice/categories/${vip.id}/customers`, { add: "cus_1" }, opts())
        expect(wrongType.status).toBe(400)
        expect(wrongType.data.errors[0].field).toBe("add")
        const one = await api.get(`/admin/backoffice/categories/${vip.id}`, { headers })
        expect(one.data.category.customer_count).toBe(0)
      })

      it("sets a customer's categories from the customer side", async () => {
        const vip = await createCategory("VIP")
        const gold = await createCategory("Gold")
        const staff = await createCategory("Staff")
        const a = await createCustomer({ email: "a@example.com" })

        const set = await api.post(`/admin/backoffice/customers/${a.id}/categories`, { category_ids: [vip.id, gold.id] }, { headers })
        expect(set.status).toBe(200)
        expect(set.data.categories.map((c: any) => c.name)).toEqual(["Gold", "VIP"])

        const swap = await api.post(`/admin/backoffice/customers/${a.id}/categories`, { category_ids: [gold.id, staff.id] }, { headers })
        expect(swap.data.categories.map((c: any) => c.name)).toEqual(["Gold", "Staff"])
        expect(swap.data.added).toEqual([staff.id])
        expect(swap.data.removed).toEqual([vip.id])
        const got = await api.get(`/admin/backoffice/customers/${a.id}/categories`, { headers })
        expect(got.data.categories.map((c: any) => c.id).sort()).toEqual([gold.id, staff.id].sort())

        const change = await waitFor(() =>
          events.find((e) => e.name === CATEGORIES_CHANGED && e.data.removed.includes(vip.id))
        )
        expect(change.data).toEqual({ customer_id: a.id, added: [staff.id], removed: [vip.id] })

        const unknown = await api.post(`/admin/backoffice/customers/${a.id}/categories`, { category_ids: [vip.id, "cusgroup_nope"] }, opts())
        expect(unknown.status).toBe(400)
        expect(unknown.data.errors).toEqual([{ field: "category_ids", message: "Unknown category: cusgroup_nope" }])
        const missingField = await api.post(`/admin/backoffice/customers/${a.id}/categories`, {}, opts())
        expect(missingField.status).toBe(400)
        expect(missingField.data.errors[0].field).toBe("category_ids")
        const unchanged = await api.get(`/admin/backoffice/customers/${a.id}/categories`, { headers })
        expect(unchanged.data.categories).toHaveLength(2)

        expect((await api.get("/admin/backoffice/customers/cus_missing/categories", opts())).status).toBe(404)
        expect((await api.post("/admin/backoffice/customers/cus_missing/categories", { category_ids: [] }, opts())).status).toBe(404)

        const clear = await api.post(`/admin/backoffice/customers/${a.id}/categories`, { category_ids: [] }, { headers })
        expect(clear.data.categories).toEqual([])
      })
    })

    describe("members CSV", () => {
      it("exports members with a header, quoting, and formula injection neutralised", async () => {
        const vip = await createCategory("VIP Club")
        const other = await createCategory("Other")
        const plain = await createCustomer({
          email: "ada@example.com",
          first_name: "Ada",
          last_name: "Lovelace",
          phone: "+1 415 555 0100",
          company_name: "Analytical, Ltd",
        })
        const evil = await createCustomer({
          email: "evil@example.com",
          first_name: "=HYPERLINK(\"http://x\",\"y\")",
          last_name: "@SUM(A1)",
          phone: "+44 20 7946 0000",
          company_name: "-2+3",
        })
        const outsider = await createCustomer({ email: "out@example.com", first_name: "Out" })
        await api.post(`/admin/backoffice/categories/${vip.id}/customers`, { add: [plain.id, evil.id] }, { headers })
        await api.post(`/admin/backoffice/categories/${other.id}/customers`, { add: [outsider.id] }, { headers })

        const res = await api.get(`/admin/backoffice/categories/${vip.id}/members.csv`, {
          headers,
          responseType: "text",
          transformResponse: (d: unknown) => d,
        })
        expect(res.status).toBe(200)
        expect(res.headers["content-type"]).toMatch(/^text\/csv/)
        expect(res.headers["content-disposition"]).toBe('attachment; filename="category-vip-club-members.csv"')
        const text = String(res.data).replace(/^\uFEFF/, "")
        const lines = text.split("\r\n").filter(Boolean)
        expect(lines[0]).toBe("First name,Last name,Email,Phone,Company,Created")
        expect(lines).toHaveLength(3)
        const created = (await sql("select created_at from customer where id = ?", [plain.id]))[0].created_at
        expect(lines).toContain(
          `Ada,Lovelace,ada@example.com,"'+14155550100","Analytical, Ltd",${new Date(created).toISOString()}`
        )
        const evilLine = lines.find((l) => l.includes("evil@example.com"))!
        expect(evilLine.startsWith(`"'=HYPERLINK(""http://x"",""y"")","'@SUM(A1)",evil@example.com,"'+442079460000","'-2+3",`)).toBe(true)
        expect(text).not.toContain("out@example.com")
      })

      it("streams large categories completely", async () => {
        const big = await createCategory("Big")
        const customerModule = getContainer().resolve(Modules.CUSTOMER)
        const many = await customerModule.createCustomers(
          Array.from({ length: 2500 }, (_, i) => ({ email: `bulk${i}@example.com`, first_name: `N${i}` }))
        )
        await customerModule.addCustomerToGroup(many.map((c) => ({ customer_id: c.id, customer_group_id: big.id })))
        const res = await api.get(`/admin/backoffice/categories/${big.id}/members.csv`, {
          headers,
          responseType: "text",
          transformResponse: (d: unknown) => d,
        })
        const lines = String(res.data).split("\r\n").filter(Boolean)
        expect(lines).toHaveLength(2501)
        expect(new Set(lines.slice(1).map((l) => l.split(",")[2])).size).toBe(2500)
      })
    })

    describe("stores", () => {
      it("gives new customers every store, also guests created outside the admin", async () => {
        await createChannels("Downtown", "Airport")
        const all = await allChannelIds()
        expect(all.length).toBeGreaterThanOrEqual(2)
        const a = await createCustomer({ email: "new@example.com" })
        expect(await waitFor(async () => ((await storesOf(a.id)).length === all.length ? storesOf(a.id) : null))).toEqual(all)

        // checkout creates guests through the customer module directly (one or several at once)
        const customerModule = getContainer().resolve(Modules.CUSTOMER)
        const guest = await customerModule.createCustomers({ email: "guest@example.com" })
        expect(await waitFor(async () => ((await storesOf(guest.id)).length === all.length ? storesOf(guest.id) : null))).toEqual(all)
        const [g1, g2] = await customerModule.createCustomers([{ email: "g1@example.com" }, { email: "g2@example.com" }])
        for (const g of [g1, g2]) {
          expect(await waitFor(async () => ((await storesOf(g.id)).length === all.length ? storesOf(g.id) : null))).toEqual(all)
        }
        // each customer is linked once per store, never twice
        const dup = await sql(
          "select customer_id, sales_channel_id from customer_customer_sales_channel_sales_channel where deleted_at is null group by 1, 2 having count(*) > 1"
        )
        expect(dup).toEqual([])

        const ev = await waitFor(() => events.find((e) => e.name === STORES_CHANGED && e.data.customer_id === a.id))
        expect(ev.data).toEqual({ customer_id: a.id, added: expect.arrayContaining(all), removed: [] })
      })

      it("assigns every store to customers that existed before the plugin (install backfill)", async () => {
        const [downtown] = await createChannels("Downtown", "Airport")
        const all = await allChannelIds()
        const old = await createCustomer({ email: "old@example.com" })
        const kept = await createCustomer({ email: "kept@example.com" })
        for (const id of [old.id, kept.id]) await waitFor(async () => (await storesOf(id)).length === all.length)
        // as if "old" existed before the plugin was installed
        await sql("delete from customer_customer_sales_channel_sales_channel where customer_id = ?", [old.id])
        await api.post(`/admin/backoffice/customers/${kept.id}/stores`, { sales_channel_ids: [downtown.id] }, { headers })
        expect(await storesOf(old.id)).toEqual([])

        expect(await backfillDefaultStores(getContainer(), { batchSize: 1 })).toBe(1)
        expect(await storesOf(old.id)).toEqual(all)
        expect(await storesOf(kept.id)).toEqual([downtown.id])
        expect(await backfillDefaultStores(getContainer())).toBe(0)
      })

      it("sets a customer's stores; at least one must remain; unknown stores are refused", async () => {
        const [downtown, airport] = await createChannels("Downtown", "Airport")
        const all = await allChannelIds()
        const a = await createCustomer({ email: "a@example.com" })
        await waitFor(async () => (await storesOf(a.id)).length === all.length)

        const set = await api.post(`/admin/backoffice/customers/${a.id}/stores`, { sales_channel_ids: [downtown.id] }, { headers })
        expect(set.status).toBe(200)
        expect(set.data.sales_channel_ids).toEqual([downtown.id])
        expect(set.data.stores).toEqual([{ id: downtown.id, name: "Downtown", is_disabled: false }])
        expect([...set.data.removed].sort()).toEqual(all.filter((id) => id !== downtown.id).sort())

        const ev = await waitFor(() =>
          events.find((e) => e.name === STORES_CHANGED && e.data.customer_id === a.id && e.data.removed.length)
        )
        expect(ev.data.added).toEqual([])

        const none = await api.post(`/admin/backoffice/customers/${a.id}/stores`, { sales_channel_ids: [] }, opts())
        expect(none.status).toBe(400)
        expect(none.data.errors).toEqual([
          { field: "sales_channel_ids", message: "At least one store must remain assigned to the customer" },
        ])
        const unknown = await api.post(
          `/admin/backoffice/customers/${a.id}/stores`,
          { sales_channel_ids: [airport.id, "sc_nope"] },
          opts()
        )
        expect(unknown.status).toBe(400)
        expect(unknown.data.errors).toEqual([
          { field: "sales_channel_ids", message: "Unknown store (sales channel): sc_nope" },
        ])
        expect(await storesOf(a.id)).toEqual([downtown.id])

        expect((await api.get("/admin/backoffice/customers/cus_missing/stores", opts())).status).toBe(404)
        expect(
          (await api.post("/admin/backoffice/customers/cus_missing/stores", { sales_channel_ids: [downtown.id] }, opts())).status
        ).toBe(404)
      })

      it("bulk adds and removes stores; refuses when any customer would be left with none, naming them", async () => {
        const [downtown, airport, web] = await createChannels("Downtown", "Airport", "Web")
        const a = await createCustomer({ email: "a@example.com" })
        const b = await createCustomer({ email: "b@example.com" })
        const c = await createCustomer({ email: "c@example.com" })
        const all = await allChannelIds()
        for (const id of [a.id, b.id, c.id]) await waitFor(async () => (await storesOf(id)).length === all.length)
        await api.post(`/admin/backoffice/customers/${a.id}/stores`, { sales_channel_ids: [downtown.id] }, { headers })
        await api.post(`/admin/backoffice/customers/${b.id}/stores`, { sales_channel_ids: [downtown.id, airport.id] }, { headers })
        await api.post(`/admin/backoffice/customers/${c.id}/stores`, { sales_channel_ids: [web.id] }, { headers })

        const refused = await api.post(
          "/admin/backoffice/customers/stores",
          { customer_ids: [a.id, b.id, c.id], remove: [downtown.id] },
          opts()
        )
        expect(refused.status).toBe(400)
        expect(refused.data.errors).toEqual([
          {
            field: "remove",
            message: `At least one store must remain assigned to each customer; these customers would have none: ${a.id}`,
          },
        ])
        expect(await storesOf(b.id)).toEqual([downtown.id, airport.id].sort())

        const moved = await api.post(
          "/admin/backoffice/customers/stores",
          { customer_ids: [a.id, b.id, c.id], add: [web.id], remove: [downtown.id] },
          { headers }
        )
        expect(moved.status).toBe(200)
        expect(moved.data.updated).toBe(2)
        expect(await storesOf(a.id)).toEqual([web.id])
        expect(await storesOf(b.id)).toEqual([airport.id, web.id].sort())
        expect(await storesOf(c.id)).toEqual([web.id])

        for (const [body, field] of [
          [{ customer_ids: [], add: [web.id] }, "customer_ids"],
          [{ customer_ids: [a.id] }, "add"],
          [{ customer_ids: [a.id, "cus_missing"], add: [web.id] }, "customer_ids"],
          [{ customer_ids: [a.id], add: ["sc_missing"] }, "add"],
        ] as const) {
          const res = await api.post("/admin/backoffice/customers/stores", body, opts())
          expect(res.status).toBe(400)
          expect(res.data.errors[0].field).toBe(field)
        }
        expect(await storesOf(a.id)).toEqual([web.id])
      })
    })
  },
})
