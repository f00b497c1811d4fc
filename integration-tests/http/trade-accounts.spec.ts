import {
  ContainerRegistrationKeys,
  Modules,
  generateJwtToken,
} from "@medusajs/framework/utils"
import { useTestHost } from "../helpers/test-host"
import { createCustomerHeaders } from "../helpers/admin"
import { waitFor } from "../helpers/wait"
import { createReadyCart, createShop, type Shop } from "../helpers/commerce"

jest.setTimeout(180_000)

const ok = { validateStatus: () => true }
const PASSWORD = "s3cret-Passw0rd"
const AWAITING = /awaiting approval/i
const INACTIVE = /inactive/i

useTestHost({
  prefix: "cbo-trade",
  testSuite: ({ api, getContainer, session }) => {
    let shop: Shop
    const admin = session.headers
    beforeEach(async () => {
      shop = await createShop(getContainer(), { price: 50, shipping: 5 })
    })

    const pk = () => ({ "x-publishable-api-key": shop.publishableKey })
    const trade = () => getContainer().resolve("trade_accounts") as any
    const email = () => `trade-${Date.now()}-${Math.round(Math.random() * 1e6)}@example.com`

    /** emailpass register → a token with no customer yet. */
    const register = async (address: string) => {
      const res = await api.post("/auth/customer/emailpass/register", { email: address, password: PASSWORD })
      return { authorization: `Bearer ${res.data.token}`, ...pk() }
    }
    const login = (address: string) =>
      api.post("/auth/customer/emailpass", { email: address, password: PASSWORD }, ok)
    const bearer = (token: string) => ({ authorization: `Bearer ${token}`, ...pk() })
    /** A token as Medusa would have issued it before the account was blocked. */
    const tokenFor = async (customerId: string) => {
      const config = getContainer().resolve(ContainerRegistrationKeys.CONFIG_MODULE)
      return bearer(
        generateJwtToken(
          { actor_id: customerId, actor_type: "customer", auth_identity_id: "", app_metadata: { customer_id: customerId } },
          { secret: config.projectConfig.http.jwtSecret!, expiresIn: "1d" }
        )
      )
    }
    const apply = (headers: Record<string, string>, body: Record<string, unknown>) =>
      api.post("/store/backoffice/trade-applications", body, { headers, ...ok })
    const applyNew = async (body: Record<string, unknown> = {}) => {
      const address = email()
      const headers = await register(address)
      const res = await apply(headers, { company_name: `Acme ${Math.random().toString(36).slice(2, 7)}`, ...body })
      expect(res.status).toBe(201)
      const app = res.data.application
      const [row] = await trade().listTradeApplications({ id: app.id })
      return { email: address, app, customerId: row.customer_id as string, registerHeaders: headers }
    }
    const approve = (id: string, body: Record<string, unknown> = {}) =>
      api.post(`/admin/backoffice/trade-applications/${id}/approve`, body, { headers: admin, ...ok })
    const reject = (id: string, body: Record<string, unknown>) =>
      api.post(`/admin/backoffice/trade-applications/${id}/reject`, body, { headers: admin, ...ok })
    const account = (customerId: string) =>
      api.get(`/admin/backoffice/customers/${customerId}/account`, { headers: admin })
    const setAccount = (customerId: string, body: Record<string, unknown>) =>
      api.post(`/admin/backoffice/customers/${customerId}/account`, body, { headers: admin, ...ok })
    const profileOverride = async (customerId: string) => {
      const [p] = await (getContainer().resolve("customer_records") as any).listCustomerProfiles({
        customer_id: customerId,
      })
      return p?.status_override ?? null
    }
    const timeline = async (customerId: string) =>
      (await (getContainer().resolve("customer_timeline") as any).listTimelineEntries(
        { customer_id: customerId, kind: { $like: "trade.%" } },
        { order: { created_at: "ASC" } }
      )) as any[]
    const notifications = async (resourceId: string, trigger: string) =>
      (await getContainer()
        .resolve(Modules.NOTIFICATION)
        .listNotifications({ resource_id: resourceId, trigger_type: trigger } as any)) as any[]
    const priceList = async () => {
      const [pl] = await getContainer()
        .resolve(Modules.PRICING)
        .createPriceLists([{ title: "Trade prices", description: "Trade", status: "active" as any }])
      return pl.id as string
    }

    describe("authentication", () => {
      it("every admin route answers 401 without an admin; the store routes 401 without a token", async () => {
        const calls: [string, string][] = [
          ["get", "/admin/backoffice/trade-applications"],
          ["post", "/admin/backoffice/trade-applications/tapp_x/approve"],
          ["post", "/admin/backoffice/trade-applications/tapp_x/reject"],
          ["get", "/admin/backoffice/customers/cus_x/account"],
          ["post", "/admin/backoffice/customers/cus_x/account"],
        ]
        for (const [method, url] of calls) {
          const res = method === "get" ? await api.get(url, ok) : await api.post(url, {}, ok)
          expect([url, res.status]).toEqual([url, 401])
        }
        expect((await apply(pk(), { company_name: "Acme" })).status).toBe(401)
        expect((await api.get("/store/backoffice/trade-applications", { headers: pk(), ...ok })).status).toBe(401)
        expect((await api.get("/store/backoffice/trade-applications/tapp_x", { headers: pk(), ...ok })).status).toBe(401)
        expect(await trade().listTradeApplications({})).toHaveLength(0)
      })
    })

    describe("apply → approve → deactivate", () => {
      it("a registered shopper applies, cannot sign in until approved, and is refused again once deactivated", async () => {
        const { email: address, app, customerId, registerHeaders } = await applyNew({
          company_number: "01234567",
          vat_number: "gb 980 780 684",
          phone: "+44 20 7946 0000",
          address: { address_1: "1 High St", city: "London", postal_code: "EC1A 1AA", country_code: "GB" },
          note: "We run three shops",
          first_name: "Tess",
          last_name: "Trader",
        })
        // kept as submitted (VAT number normalised), pending
        expect(app).toEqual(
          expect.objectContaining({
            status: "pending",
            company_number: "01234567",
            vat_number: "GB980780684",
            phone: "+44 20 7946 0000",
            note: "We run three shops",
            address: expect.objectContaining({ city: "London", country_code: "gb" }),
          })
        )
        const customer = await getContainer().resolve(Modules.CUSTOMER).retrieveCustomer(customerId)
        expect(customer).toEqual(expect.objectContaining({ email: address, has_account: true, first_name: "Tess" }))
        expect((await account(customerId)).data.account).toEqual(
          expect.objectContaining({ account_type: "trade", active: false, pending_application_id: app.id, vat_number: "GB980780684" })
        )
        expect(await profileOverride(customerId)).toBe("pending_approval")
        // the store and the applicant are notified on the plugin's channel
        const sent = await waitFor(async () => {
          const n = await notifications(app.id, "customer_backoffice.trade.applied")
          return n.length >= 2 ? n : null
        }, { what: "application notifications" })
        expect(sent.map((n) => n.template).sort()).toEqual([
          "customer-backoffice-trade-application-received",
          "customer-backoffice-trade-application-submitted",
        ])
        expect(sent.every((n) => n.channel === "feed")).toBe(true)
        expect(sent.find((n) => n.template.endsWith("submitted")).to).toBe(address)

        // applying twice is refused
        expect((await apply(await tokenFor(customerId), { company_name: "Again" })).status).toBe(409)

        // login: the password is right, the answer is 403 with the reason
        const refused = await login(address)
        expect(refused.status).toBe(403)
        expect(refused.data.message).toMatch(AWAITING)
        expect(refused.data.token).toBeUndefined()
        // a wrong password is still a plain 401
        expect((await api.post("/auth/customer/emailpass", { email: address, password: "wrong-one" }, ok)).status).toBe(401)
        // a token does not open /store customer routes or carts
        const early = await tokenFor(customerId)
        const me = await api.get("/store/customers/me", { headers: early, ...ok })
        expect(me.status).toBe(403)
        expect(me.data.message).toMatch(AWAITING)
        expect((await api.post("/store/carts", { region_id: shop.regionId }, { headers: early, ...ok })).status).toBe(403)
        // …but the applicant can follow its application
        const own = await api.get(`/store/backoffice/trade-applications/${app.id}`, { headers: early })
        expect(own.data.application.status).toBe("pending")
        // with the token of its registration too (it cannot sign in yet)
        const viaRegistration = await api.get("/store/backoffice/trade-applications", { headers: registerHeaders })
        expect(viaRegistration.data.applications.map((x: any) => x.id)).toEqual([app.id])
        expect(viaRegistration.data.applications[0]).not.toHaveProperty("decided_by")

        // approve with terms
        const pl = await priceList()
        const approved = await approve(app.id, {
          price_list_id: pl,
          discount_percent: 12.5,
          free_delivery: true,
          account_code: "acme-001",
        })
        expect(approved.status).toBe(200)
        expect(approved.data.application).toEqual(
          expect.objectContaining({ status: "approved", decided_by: session.id })
        )
        expect((await account(customerId)).data.account).toEqual(
          expect.objectContaining({
            account_type: "trade",
            active: true,
            price_list_id: pl,
            price_list: { id: pl, title: "Trade prices" },
            discount_percent: 12.5,
            free_delivery: true,
            account_code: "ACME-001",
            pending_application_id: null,
          })
        )
        expect(await profileOverride(customerId)).toBeNull()
        await waitFor(async () => (await notifications(app.id, "customer_backoffice.trade.approved")).length === 1, {
          what: "approval notification",
        })
        expect((await timeline(customerId)).map((e) => [e.kind, e.actor_id])).toEqual([
          ["trade.applied", customerId],
          ["trade.approved", session.id],
        ])

        // login works; the token opens the account and carts
        const signedIn = await login(address)
        expect(signedIn.status).toBe(200)
        const headers = bearer(signedIn.data.token)
        expect((await api.get("/store/customers/me", { headers })).data.customer.id).toBe(customerId)
        const cartId = await createReadyCart(api, shop, headers)
        const pc = (await api.post("/store/payment-collections", { cart_id: cartId }, { headers })).data.payment_collection
        await api.post(`/store/payment-collections/${pc.id}/payment-sessions`, { provider_id: "pp_system_default" }, { headers })

        // deactivate in the Account tab
        const off = await setAccount(customerId, { active: false })
        expect(off.status).toBe(200)
        expect(off.data.account.active).toBe(false)
        const again = await login(address)
        expect(again.status).toBe(403)
        expect(again.data.message).toMatch(INACTIVE)
        const meNow = await api.get("/store/customers/me", { headers, ...ok })
        expect(meNow.status).toBe(403)
        expect(meNow.data.message).toMatch(INACTIVE)
        expect((await api.post(`/store/carts/${cartId}/complete`, {}, { headers, ...ok })).status).toBe(403)
        expect((await api.post("/store/carts", { region_id: shop.regionId }, { headers, ...ok })).status).toBe(403)
        // the cart workflows refuse too, whoever calls them: completing the cart
        // without the customer's token (carts are reachable by id) is refused by the validate hook
        const guest = await api.post(`/store/carts/${cartId}/complete`, {}, { headers: pk(), ...ok })
        expect(guest.status).toBe(400)
        expect(guest.data.message).toMatch(INACTIVE)
        const engine = getContainer().resolve(Modules.WORKFLOW_ENGINE) as any
        const created = await engine.run("create-cart", {
          input: { region_id: shop.regionId, customer_id: customerId },
          throwOnError: false,
        })
        expect(created.errors?.[0]?.error?.message).toMatch(INACTIVE)
        const { data: orders } = await getContainer()
          .resolve(ContainerRegistrationKeys.QUERY)
          .graph({ entity: "order", fields: ["id"], filters: { customer_id: customerId } })
        expect(orders).toHaveLength(0)
        const events = await waitFor(async () => {
          const kinds = (await timeline(customerId)).map((e) => e.kind)
          return kinds
        })
        expect(events).toEqual(["trade.applied", "trade.approved"])

        // active again: login works
        expect((await setAccount(customerId, { active: true })).status).toBe(200)
        expect((await login(address)).status).toBe(200)
      })

      it("a logged-in retail customer applies; its existing token stops opening its account until approved", async () => {
        const c = await createCustomerHeaders(getContainer(), {}, shop.publishableKey)
        expect((await api.get("/store/customers/me", { headers: c.headers })).status).toBe(200)
        const res = await apply(c.headers, { company_name: "Retail Turned Trade Ltd" })
        expect(res.status).toBe(201)
        const [row] = await trade().listTradeApplications({ id: res.data.application.id })
        expect(row.customer_id).toBe(c.customer.id)
        expect((await api.get("/store/customers/me", { headers: c.headers, ...ok })).status).toBe(403)
        expect((await approve(row.id)).status).toBe(200)
        expect((await api.get("/store/customers/me", { headers: c.headers })).status).toBe(200)
      })
    })

    describe("reject", () => {
      it("rejects with a reason (notified, on the timeline); the customer keeps a retail account; a decided application cannot be decided again", async () => {
        const { email: address, app, customerId } = await applyNew()
        expect((await reject(app.id, {})).status).toBe(400)
        expect((await reject(app.id, { reason: "   " })).status).toBe(400)
        const res = await reject(app.id, { reason: "We only sell to registered retailers" })
        expect(res.status).toBe(200)
        expect(res.data.application).toEqual(
          expect.objectContaining({ status: "rejected", rejection_reason: "We only sell to registered retailers", decided_by: session.id })
        )
        expect((await account(customerId)).data.account).toEqual(
          expect.objectContaining({ account_type: "retail", active: true, pending_application_id: null })
        )
        expect(await profileOverride(customerId)).toBeNull()
        const [n] = await waitFor(async () => {
          const list = await notifications(app.id, "customer_backoffice.trade.rejected")
          return list.length ? list : null
        }, { what: "rejection notification" })
        expect(n).toEqual(expect.objectContaining({ to: address, template: "customer-backoffice-trade-application-rejected" }))
        expect(n.data.rejection_reason).toBe("We only sell to registered retailers")
        expect((await timeline(customerId)).map((e) => [e.kind, e.actor_id])).toEqual([
          ["trade.applied", customerId],
          ["trade.rejected", session.id],
        ])
        expect((await login(address)).status).toBe(200)

        const twice = await reject(app.id, { reason: "again" })
        expect(twice.status).toBe(409)
        const approveRejected = await approve(app.id, { discount_percent: 5 })
        expect(approveRejected.status).toBe(409)
        expect(approveRejected.data.message).toMatch(/already rejected/)
        expect((await account(customerId)).data.account).toEqual(
          expect.objectContaining({ account_type: "retail", discount_percent: 0 })
        )
        expect((await trade().listTradeApplications({ id: app.id }))[0].status).toBe("rejected")
      })
    })

    describe("the storefront cannot approve itself", () => {
      it("approval fields in the body are refused and write nothing; customer metadata has no effect", async () => {
        const address = email()
        const headers = await register(address)
        for (const extra of [
          { active: true },
          { status: "approved" },
          { metadata: { trade_status: "approved" } },
          { discount_percent: 50 },
          { price_list_id: "plist_x" },
        ]) {
          const res = await apply(headers, { company_name: "Sneaky Ltd", ...extra })
          expect(res.status).toBe(400)
        }
        expect(await trade().listTradeApplications({ email: address })).toHaveLength(0)
        expect(await getContainer().resolve(Modules.CUSTOMER).listCustomers({ email: address })).toHaveLength(0)

        const { app, customerId } = await applyNew()
        const t = await tokenFor(customerId)
        const meta = await api.post(
          "/store/customers/me",
          { metadata: { active: true, trade_status: "approved", status_override: null } },
          { headers: t, ...ok }
        )
        expect(meta.status).toBe(403)
        expect((await trade().listTradeApplications({ id: app.id }))[0].status).toBe("pending")
        expect((await account(customerId)).data.account.active).toBe(false)
      })
    })

    describe("IDOR", () => {
      it("a customer reads only its own applications", async () => {
        const a = await applyNew()
        const b = await applyNew()
        const bHeaders = await tokenFor(b.customerId)
        const res = await api.get(`/store/backoffice/trade-applications/${a.app.id}`, { headers: bHeaders, ...ok })
        expect(res.status).toBe(404)
        // nor with its registration token
        const viaRegistration = await api.get(`/store/backoffice/trade-applications/${a.app.id}`, {
          headers: b.registerHeaders,
          ...ok,
        })
        expect(viaRegistration.status).toBe(404)
        // a registration that has not applied has no applications to read
        const fresh = await register(email())
        expect((await api.get("/store/backoffice/trade-applications", { headers: fresh, ...ok })).status).toBe(401)
        const list = await api.get("/store/backoffice/trade-applications", { headers: bHeaders })
        expect(list.data.applications.map((x: any) => x.id)).toEqual([b.app.id])
        expect(JSON.stringify(list.data)).not.toContain(a.app.id)
      })
    })

    describe("bad input", () => {
      it("invalid VAT, discount 101, unknown price list, taken account code, activating a pending applicant: 400/409, nothing changed", async () => {
        const address = email()
        const headers = await register(address)
        const badVat = await apply(headers, { company_name: "Acme", vat_number: "DE136695978" })
        expect(badVat.status).toBe(400)
        expect(badVat.data.errors).toEqual([expect.objectContaining({ field: "vat_number" })])
        expect(badVat.data.message).toMatch(/not a valid Germany VAT number/)
        expect((await apply(headers, { company_name: "" })).data.errors[0]).toEqual(
          expect.objectContaining({ field: "company_name", message: "Enter the company name" })
        )
        expect(await getContainer().resolve(Modules.CUSTOMER).listCustomers({ email: address })).toHaveLength(0)

        const { app, customerId } = await applyNew({ vat_number: "DE136695976" })
        const before = (await account(customerId)).data.account
        const d101 = await approve(app.id, { discount_percent: 101 })
        expect(d101.status).toBe(400)
        expect(d101.data.message).toMatch(/discount_percent/)
        expect((await approve(app.id, { discount_percent: 10.125 })).status).toBe(400)
        const unknownPl = await approve(app.id, { price_list_id: "plist_missing" })
        expect(unknownPl.status).toBe(400)
        expect(unknownPl.data.message).toMatch(/price_list_id: no price list/)
        expect((await approve("tapp_missing")).status).toBe(404)

        const other = await applyNew()
        expect((await approve(other.app.id, { account_code: "TAKEN-1" })).status).toBe(200)
        const taken = await approve(app.id, { account_code: "taken-1", discount_percent: 5 })
        expect(taken.status).toBe(409)
        expect(taken.data.message).toMatch(/account_code/)
        // nothing was written by the refused approvals
        expect((await trade().listTradeApplications({ id: app.id }))[0].status).toBe("pending")
        expect((await account(customerId)).data.account).toEqual(before)
        expect(await profileOverride(customerId)).toBe("pending_approval")

        // the Account tab
        const vat = await setAccount(customerId, { vat_number: "FR123" })
        expect(vat.status).toBe(400)
        expect(vat.data.errors[0].field).toBe("vat_number")
        expect((await setAccount(customerId, { discount_percent: -1 })).status).toBe(400)
        expect((await setAccount(customerId, { price_list_id: "plist_missing" })).status).toBe(400)
        expect((await setAccount(customerId, { account_code: "TAKEN-1" })).status).toBe(409)
        const activate = await setAccount(customerId, { active: true })
        expect(activate.status).toBe(409)
        expect(activate.data.message).toMatch(/approve or reject/)
        expect((await setAccount(customerId, { active: "yes" })).status).toBe(400)
        expect((await setAccount("cus_missing", { company_name: "X" })).status).toBe(404)
        expect((await account(customerId)).data.account).toEqual(before)

        // twice
        expect((await approve(app.id)).status).toBe(200)
        const second = await approve(app.id)
        expect(second.status).toBe(409)
        expect(second.data.message).toMatch(/already approved/)
      })
    })

    describe("Account tab", () => {
      it("a retail customer's defaults; edits are stored, on the timeline, and deactivation emits an event", async () => {
        const c = await createCustomerHeaders(getContainer(), {}, shop.publishableKey)
        expect((await account(c.customer.id)).data.account).toEqual(
          expect.objectContaining({ account_type: "retail", active: true, discount_percent: 0, free_delivery: false })
        )
        const res = await setAccount(c.customer.id, {
          company_name: "Corner Shop",
          company_number: "SC123456",
          vat_number: "NL 0044.95.445.B01",
          discount_percent: 7.25,
          free_delivery: true,
          account_code: "cs-9",
        })
        expect(res.status).toBe(200)
        expect(res.data.account).toEqual(
          expect.objectContaining({
            company_name: "Corner Shop",
            vat_number: "NL004495445B01",
            discount_percent: 7.25,
            free_delivery: true,
            account_code: "CS-9",
            active: true,
          })
        )
        const seen: any[] = []
        getContainer()
          .resolve(Modules.EVENT_BUS)
          .subscribe("customer_backoffice.trade.deactivated", async (event: any) => {
            seen.push(event.data)
          })
        expect((await setAccount(c.customer.id, { active: false })).status).toBe(200)
        const [deactivated] = await waitFor(() => (seen.length ? seen : null), { what: "deactivated event" })
        expect(deactivated).toEqual(expect.objectContaining({ customer_id: c.customer.id, actor_id: session.id }))
        // setting it to "no" again changes nothing and emits nothing more
        expect((await setAccount(c.customer.id, { active: false })).status).toBe(200)
        expect((await api.get("/store/customers/me", { headers: c.headers, ...ok })).status).toBe(403)
        const entries = (await (getContainer().resolve("customer_timeline") as any).listTimelineEntries(
          { customer_id: c.customer.id, kind: "account.updated" },
          { order: { created_at: "ASC" } }
        )) as any[]
        expect(entries).toHaveLength(2)
        expect(seen).toHaveLength(1)
        expect(entries[1].data.changes).toEqual([{ field: "active", old: true, new: false }])
        expect(entries[1].actor_id).toBe(session.id)
      })
    })

    describe("the queue", () => {
      it("lists pending first (oldest first) with age, applicant and duplicates of email or company; filters by status", async () => {
        const first = await applyNew({ company_name: "Duplicate Co" })
        const second = await applyNew({ company_name: "duplicate co" })
        const decided = await applyNew()
        await reject(decided.app.id, { reason: "No" })
        const res = await api.get("/admin/backoffice/trade-applications", { headers: admin })
        const ids = res.data.applications.map((a: any) => a.id)
        expect(ids.indexOf(first.app.id)).toBeLessThan(ids.indexOf(second.app.id))
        expect(ids.indexOf(second.app.id)).toBeLessThan(ids.indexOf(decided.app.id))
        expect(res.data.pending_count).toBeGreaterThanOrEqual(2)
        const row = res.data.applications.find((a: any) => a.id === second.app.id)
        expect(row).toEqual(
          expect.objectContaining({
            age_days: 0,
            company_name: "duplicate co",
            applicant: expect.objectContaining({ id: second.customerId, email: second.email }),
          })
        )
        expect(row.duplicates.map((d: any) => d.customer_id)).toContain(first.customerId)

        const rejected = await api.get("/admin/backoffice/trade-applications?status=rejected", { headers: admin })
        expect(rejected.data.applications.every((a: any) => a.status === "rejected")).toBe(true)
        expect(rejected.data.applications.map((a: any) => a.id)).toContain(decided.app.id)
        expect((await api.get("/admin/backoffice/trade-applications?status=nope", { headers: admin, ...ok })).status).toBe(400)
        const page = await api.get("/admin/backoffice/trade-applications?limit=1&offset=1", { headers: admin })
        expect(page.data.applications).toHaveLength(1)
        expect(page.data.applications[0].id).toBe(ids[1])
      })
    })
  },
})
