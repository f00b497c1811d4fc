import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { HOST_DIR, setTestEnv } from "../helpers/host"
import { createAdminHeaders } from "../helpers/admin"
import { deleteRedisPrefix, TEST_REDIS_URL } from "../helpers/redis"
import { createShop, type Shop } from "../helpers/commerce"

jest.setTimeout(180_000)

const PREFIX = `cbo-trade-reg-${process.pid}`
const restoreEnv = setTestEnv({
  CBO_QUEUE_PREFIX: PREFIX,
  REDIS_URL: TEST_REDIS_URL,
  ADMIN_DISABLED: "true",
})

const ok = { validateStatus: () => true }
const PASSWORD = "s3cret-Passw0rd"

/** Trade accounts beyond the storefront application: the list's account type filter. */
medusaIntegrationTestRunner({
  cwd: HOST_DIR,
  testSuite: ({ api, getContainer }) => {
    afterAll(async () => {
      restoreEnv()
      await deleteRedisPrefix(PREFIX)
    })

    let shop: Shop
    let admin: Record<string, string>
    beforeEach(async () => {
      shop = await createShop(getContainer(), { price: 50, shipping: 5 })
      admin = (await createAdminHeaders(getContainer())).headers
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
  },
})
