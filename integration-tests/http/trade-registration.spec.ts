import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { HOST_DIR, setTestEnv } from "../helpers/host"
import { createAdminHeaders, createCustomerHeaders } from "../helpers/admin"
import { deleteRedisPrefix, TEST_REDIS_URL } from "../helpers/redis"
import { createReadyCart, createShop, payAndComplete, type Shop } from "../helpers/commerce"

jest.setTimeout(180_000)

const PREFIX = `cbo-trade-reg-${process.pid}`
const restoreEnv = setTestEnv({
  CBO_QUEUE_PREFIX: PREFIX,
  REDIS_URL: TEST_REDIS_URL,
  ADMIN_DISABLED: "true",
})

const ok = { validateStatus: () => true }
const PASSWORD = "s3cret-Passw0rd"

/**
 * Trade accounts beyond the storefront application: the list's account type
 * filter, staff registering trade customers, guest checkout with the email of
 * a blocked account.
 */
medusaIntegrationTestRunner({
  cwd: HOST_DIR,
  testSuite: ({ api, getContainer }) => {
    afterAll(async () => {
      restoreEnv()
      await deleteRedisPrefix(PREFIX)
    })

    let shop: Shop
    let admin: Record<string, string>
    let adminUserId: string
    beforeEach(async () => {
      shop = await createShop(getContainer(), { price: 50, shipping: 5 })
      const a = await createAdminHeaders(getContainer())
      admin = a.headers
      adminUserId = a.user.id
    })

    const pk = () => ({ "x-publishable-api-key": shop.publishableKey })
    const email = () => `trade-reg-${Date.now()}-${Math.round(Math.random() * 1e6)}@example.com`
    const trade = () => getContainer().resolve("trade_accounts") as any
    const customers = () => getContainer().resolve(Modules.CUSTOMER)

    /** emailpass register + POST /store/backoffice/trade-applications. */
    const applyNew = async (company = `Acme ${Math.random().toString(36).slice(2, 7)}`) => {
      const address = email()
      const reg = await api.post("/auth/customer/emailpass/register", { email: address, password: PASSWORD })
      const res = await api.post(
        "/store/backoffice/trade-applications",
        { company_name: company },
        { headers: { authorization: `Bearer ${reg.data.token}`, ...pk() }, ...ok }
      )
      expect(res.status).toBe(201)
      const [row] = await trade().listTradeApplications({ id: res.data.application.id })
      return { email: address, app: res.data.application, customerId: row.customer_id as string }
    }
    const list = (qs: string) => api.get(`/admin/backoffice/customers?limit=200&${qs}`, { headers: admin, ...ok })
    const ids = (res: any) => res.data.customers.map((c: any) => c.id).sort()

    describe("customer list: account type filter", () => {
      it("filters by retail, trade and pending (any of them) and shows each row's account type", async () => {
        const retail = await customers().createCustomers({ email: email(), first_name: "Rita" })
        const pending = await applyNew()
        const approved = await applyNew()
        expect(
          (await api.post(`/admin/backoffice/trade-applications/${approved.app.id}/approve`, {}, { headers: admin })).status
        ).toBe(200)
        const rejected = await applyNew()
        expect(
          (
            await api.post(
              `/admin/backoffice/trade-applications/${rejected.app.id}/reject`,
              { reason: "Not a business" },
              { headers: admin }
            )
          ).status
        ).toBe(200)
        const all = await list("")
        const type = (id: string) => all.data.customers.find((c: any) => c.id === id)?.account_type
        expect([type(retail.id), type(pending.customerId), type(approved.customerId), type(rejected.customerId)]).toEqual([
          "retail",
          "pending",
          "trade",
          "retail",
        ])

        expect(ids(await list("account_type=trade"))).toEqual([approved.customerId])
        const pend = await list("account_type=pending")
        expect(ids(pend)).toEqual([pending.customerId])
        expect(pend.data.customers[0].status).toBe("pending_approval")
        expect(ids(await list("account_type=retail"))).toEqual([retail.id, rejected.customerId].sort())
        expect(ids(await list("account_type=trade,pending"))).toEqual([approved.customerId, pending.customerId].sort())
        expect((await list("account_type=retail&account_type=trade&account_type=pending")).data.count).toBe(all.data.count)
        // combined with another filter
        expect(ids(await list("account_type=trade&status=registered"))).toEqual([approved.customerId])
        // a deactivated trade account is still Trade
        expect(
          (
            await api.post(
              `/admin/backoffice/customers/${approved.customerId}/account`,
              { active: false },
              { headers: admin }
            )
          ).status
        ).toBe(200)
        expect(ids(await list("account_type=trade"))).toEqual([approved.customerId])
      })

      it("answers 400 naming the field for an unknown account type; the export accepts the same filter", async () => {
        const bad = await list("account_type=wholesale")
        expect(bad.status).toBe(400)
        expect(JSON.stringify(bad.data)).toMatch(/account_type/)
        const badExport = await api.post(
          "/admin/backoffice/customer-exports",
          { account_type: ["vip"] },
          { headers: admin, ...ok }
        )
        expect(badExport.status).toBe(400)
        expect(JSON.stringify(badExport.data)).toMatch(/account_type/)
        const exp = await api.post(
          "/admin/backoffice/customer-exports",
          { account_type: ["trade"] },
          { headers: admin, ...ok }
        )
        expect(exp.status).toBe(202)
      })

      it("answers 401 without an admin", async () => {
        expect((await api.get("/admin/backoffice/customers?account_type=trade", ok)).status).toBe(401)
      })
    })

    describe("staff register a trade customer", () => {
      const register = (b: Record<string, unknown>, headers = admin) =>
        api.post("/admin/backoffice/trade-applications", b, { headers, ...ok })
      const account = async (customerId: string) =>
        (await api.get(`/admin/backoffice/customers/${customerId}/account`, { headers: admin })).data.account
      const timelineKinds = async (customerId: string) =>
        (
          (await (getContainer().resolve("customer_timeline") as any).listTimelineEntries(
            { customer_id: customerId, kind: { $like: "trade.%" } },
            { order: { created_at: "ASC" } }
          )) as any[]
        ).map((e) => [e.kind, e.actor_type, e.actor_id])

      it("registers an existing customer as a Pending Approval applicant: blocked until approved in the queue", async () => {
        const shopper = await createCustomerHeaders(getContainer(), {}, shop.publishableKey)
        const customerId = shopper.customer.id
        const res = await register({ customer_id: customerId, company_name: "Bolt & Nut Ltd", vat_number: "GB980780684" })
        expect(res.status).toBe(201)
        const app = res.data.application
        expect(app).toEqual(
          expect.objectContaining({ status: "pending", source: "admin", company_name: "Bolt & Nut Ltd", customer_id: customerId })
        )
        expect(app.email).toBe(shopper.customer.email)
        expect(await account(customerId)).toEqual(
          expect.objectContaining({ account_type: "trade", active: false, pending_application_id: app.id })
        )
        expect(await timelineKinds(customerId)).toEqual([["trade.applied", "user", adminUserId]])
        // the queue lists it; the customer's existing token stops working
        const queue = await api.get("/admin/backoffice/trade-applications?status=pending", { headers: admin })
        expect(queue.data.applications.map((a: any) => a.id)).toContain(app.id)
        const me = await api.get("/store/customers/me", { headers: shopper.headers, ...ok })
        expect(me.status).toBe(403)
        expect(me.data.message).toMatch(/awaiting approval/i)
        // registering again while pending is refused, nothing added
        const again = await register({ customer_id: customerId, company_name: "Bolt & Nut Ltd" })
        expect(again.status).toBe(409)
        expect(await trade().listTradeApplications({ customer_id: customerId })).toHaveLength(1)
        // approve from the queue → the account works
        expect(
          (await api.post(`/admin/backoffice/trade-applications/${app.id}/approve`, { discount_percent: 5 }, { headers: admin, ...ok }))
            .status
        ).toBe(200)
        expect((await api.get("/store/customers/me", { headers: shopper.headers, ...ok })).status).toBe(200)
        // an active trade account cannot be registered again
        expect((await register({ customer_id: customerId, company_name: "Bolt & Nut Ltd" })).status).toBe(409)
      })

      it("registers a new customer directly as an approved trade account with its terms", async () => {
        const [pl] = await getContainer()
          .resolve(Modules.PRICING)
          .createPriceLists([{ title: "Builders", description: "Trade", status: "active" as any }])
        const address = email()
        const res = await register({
          email: address,
          first_name: "Bea",
          last_name: "Builder",
          company_name: "Builders Co",
          company_number: "09876543",
          phone: "+44 20 7946 0001",
          approve: true,
          price_list_id: pl.id,
          discount_percent: 7.5,
          free_delivery: true,
          account_code: "bld-01",
        })
        expect(res.status).toBe(201)
        const app = res.data.application
        expect(app).toEqual(expect.objectContaining({ status: "approved", source: "admin", decided_by: adminUserId }))
        const customerId = app.customer_id
        const customer = await customers().retrieveCustomer(customerId, { relations: ["groups"] })
        expect(customer).toEqual(
          expect.objectContaining({
            email: address,
            first_name: "Bea",
            last_name: "Builder",
            company_name: "Builders Co",
            has_account: false,
            created_by: adminUserId,
          })
        )
        // the terms are in Medusa: the managed groups
        expect((customer.groups ?? []).map((g: any) => g.name).sort()).toEqual([
          "Trade discount 7.5 %",
          "Trade free delivery",
          "Trade: Builders",
        ])
        expect(await account(customerId)).toEqual(
          expect.objectContaining({
            account_type: "trade",
            active: true,
            pending_application_id: null,
            account_code: "BLD-01",
            discount_percent: 7.5,
            free_delivery: true,
            price_list_id: pl.id,
            company_number: "09876543",
          })
        )
        expect(await timelineKinds(customerId)).toEqual([
          ["trade.applied", "user", adminUserId],
          ["trade.approved", "user", adminUserId],
        ])
        // an In-Store trade customer in the list
        const listed = await list(`q=${encodeURIComponent(address)}`)
        expect(listed.data.customers.map((c: any) => [c.status, c.account_type])).toEqual([["in_store", "trade"]])
      })

      it("refuses bad input with a clear 4xx naming the field, and writes nothing", async () => {
        const existing = await customers().createCustomers({ email: email(), first_name: "Ed" })
        const cases: [Record<string, unknown>, number, RegExp][] = [
          [{ company_name: "X" }, 400, /customer_id/],
          [{ customer_id: existing.id, email: email(), company_name: "X" }, 400, /email/],
          [{ customer_id: existing.id, company_name: "X", discount_percent: 5 }, 400, /discount_percent/],
          [{ customer_id: existing.id, company_name: "X", approve: true, discount_percent: 101 }, 400, /discount_percent/],
          [{ customer_id: existing.id, company_name: " " }, 400, /company_name/],
          [{ email: "not-an-email", company_name: "X" }, 400, /email/],
          [{ email: email(), company_name: "X", vat_number: "GB123" }, 400, /vat_number/],
          [{ customer_id: existing.id, company_name: "X", approve: true, price_list_id: "plist_nope" }, 400, /price_list_id/],
          [{ customer_id: "cus_missing", company_name: "X" }, 404, /cus_missing/],
          [{ email: existing.email.toUpperCase(), company_name: "X" }, 409, new RegExp(existing.id)],
          [{ customer_id: existing.id, company_name: "X", is_approved: true }, 400, /is_approved/],
        ]
        for (const [b, status, message] of cases) {
          const res = await register(b)
          expect([JSON.stringify(b), res.status]).toEqual([JSON.stringify(b), status])
          expect(JSON.stringify(res.data)).toMatch(message)
        }
        // a new customer whose registration failed (unknown price list) is not left behind
        const orphan = email()
        const failed = await register({ email: orphan, company_name: "X", approve: true, price_list_id: "plist_nope" })
        expect(failed.status).toBe(400)
        expect(await customers().listCustomers({ email: orphan })).toHaveLength(0)
        expect(await trade().listTradeApplications({})).toHaveLength(0)
        expect(await trade().listTradeAccounts({ account_type: "trade" })).toHaveLength(0)
      })

      it("answers 401 without an admin", async () => {
        expect((await api.post("/admin/backoffice/trade-applications", { company_name: "X" }, ok)).status).toBe(401)
      })
    })

    describe("guest checkout with the email of a blocked account", () => {
      const ON_HOLD = /on hold.*awaiting approval or inactive/i
      const guestCart = (body: Record<string, unknown>) =>
        api.post(
          "/store/carts",
          { region_id: shop.regionId, sales_channel_id: shop.salesChannelId, ...body },
          { headers: pk(), ...ok }
        )
      const orders = async (emailAddress: string) =>
        (await getContainer().resolve(Modules.ORDER).listOrders({ email: emailAddress })) as any[]

      it("a pending applicant cannot create or re-address a guest cart with its email (any case)", async () => {
        const pending = await applyNew()
        for (const address of [pending.email, pending.email.toUpperCase()]) {
          // Medusa attaches a guest cart to the registered customer with this email: refused by its account
          const res = await guestCart({ email: address })
          expect([address, res.status]).toEqual([address, 400])
          expect(res.data.message).toMatch(/awaiting approval|on hold/i)
        }
        // a guest cart that already has a guest customer: Medusa would make a new guest customer with the
        // applicant's email (no account to refuse) — refused by the email
        const other = email()
        const cartId = (await guestCart({ email: other, items: [{ variant_id: shop.variantId, quantity: 1 }] })).data.cart.id
        const update = await api.post(`/store/carts/${cartId}`, { email: pending.email }, { headers: pk(), ...ok })
        expect(update.status).toBe(400)
        expect(update.data.message).toMatch(ON_HOLD)
        expect((await api.get(`/store/carts/${cartId}`, { headers: pk() })).data.cart.email).toBe(other)
        expect(await customers().listCustomers({ email: pending.email, has_account: false })).toHaveLength(0)
        // the guest's own email still checks out
        await api.post(
          `/store/carts/${cartId}`,
          {
            shipping_address: {
              first_name: "Gus", last_name: "Guest", address_1: "1 Main St", city: "Springfield",
              postal_code: "12345", country_code: shop.country,
            },
          },
          { headers: pk() }
        )
        await api.post(`/store/carts/${cartId}/shipping-methods`, { option_id: shop.shippingOptionId }, { headers: pk() })
        expect((await payAndComplete(api, cartId, pk())).data.type).toBe("order")
        expect(await orders(other)).toHaveLength(1)
      })

      it("a guest cart given the email of an account deactivated later cannot be completed", async () => {
        const trader = await applyNew()
        expect(
          (await api.post(`/admin/backoffice/trade-applications/${trader.app.id}/approve`, {}, { headers: admin })).status
        ).toBe(200)
        // a guest cart re-addressed to the trader's email while it is active: Medusa gives it a new guest customer
        const cartId = await createReadyCart(api, shop, pk())
        expect((await api.post(`/store/carts/${cartId}`, { email: email() }, { headers: pk(), ...ok })).status).toBe(200)
        expect((await api.post(`/store/carts/${cartId}`, { email: trader.email }, { headers: pk(), ...ok })).status).toBe(200)
        const cart = (await api.get(`/store/carts/${cartId}?fields=id,email,customer_id`, { headers: pk() })).data.cart
        expect(cart.customer_id).not.toBe(trader.customerId)
        expect(
          (
            await api.post(`/admin/backoffice/customers/${trader.customerId}/account`, { active: false }, { headers: admin })
          ).status
        ).toBe(200)
        const done = await payAndComplete(api, cartId, pk())
        expect(done.status).toBe(400)
        expect(done.data.message).toMatch(ON_HOLD)
        expect(await orders(trader.email)).toHaveLength(0)
      })

      it("a registered customer sharing the email of a blocked staff-registered record orders on its own account", async () => {
        const address = email()
        const reg = await api.post(
          "/admin/backoffice/trade-applications",
          { email: address, company_name: "Shared Ltd" },
          { headers: admin, ...ok }
        )
        expect(reg.status).toBe(201)
        // the same person registers on the website: a separate, registered Retail customer
        const shopper = await createCustomerHeaders(getContainer(), { email: address }, shop.publishableKey)
        const cartId = await createReadyCart(api, shop, shopper.headers)
        expect((await payAndComplete(api, cartId, shopper.headers)).data.type).toBe("order")
        // …while a guest with that email is refused (the staff-registered customer is pending)
        const guest = await guestCart({ email: address })
        expect(guest.status).toBe(400)
      })
    })

    describe("managed trade groups on the Categories screen", () => {
      it("lists the groups trade terms keep in step as managed; they cannot be renamed or deleted there", async () => {
        const trader = await applyNew()
        expect(
          (
            await api.post(
              `/admin/backoffice/trade-applications/${trader.app.id}/approve`,
              { discount_percent: 12.5 },
              { headers: admin }
            )
          ).status
        ).toBe(200)
        const mine = await api.post("/admin/backoffice/categories", { name: "VIP" }, { headers: admin })
        const listed = (await api.get("/admin/backoffice/categories?limit=100", { headers: admin })).data.categories
        const byName = Object.fromEntries(listed.map((c: any) => [c.name, c]))
        expect(byName["Trade discount 12.5 %"]).toEqual(
          expect.objectContaining({ managed_by: "trade_terms", customer_count: 1 })
        )
        expect(byName.VIP.managed_by).toBeNull()
        const managedId = byName["Trade discount 12.5 %"].id
        const rename = await api.post(`/admin/backoffice/categories/${managedId}`, { name: "Renamed" }, { headers: admin, ...ok })
        expect(rename.status).toBe(409)
        expect(rename.data.message).toMatch(/kept in step with trade accounts/)
        const del = await api.delete(`/admin/backoffice/categories/${managedId}`, { headers: admin, ...ok })
        expect(del.status).toBe(409)
        const [group] = await customers().listCustomerGroups({ id: managedId })
        expect(group.name).toBe("Trade discount 12.5 %")
        // the merchant's own category is edited as before
        expect(
          (await api.post(`/admin/backoffice/categories/${mine.data.category.id}`, { name: "VIP+" }, { headers: admin, ...ok }))
            .status
        ).toBe(200)
      })
    })
  },
})
