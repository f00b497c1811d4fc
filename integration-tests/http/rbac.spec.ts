import type { MedusaContainer } from "@medusajs/framework/types"
import {
  ContainerRegistrationKeys,
  Modules,
  generateJwtToken,
} from "@medusajs/framework/utils"
import type { Knex } from "knex"
import { useTestHost } from "../helpers/test-host"
import { waitFor } from "../helpers/wait"

jest.setTimeout(180_000)

const PLUGIN_POLICIES = [
  "customer_backoffice_customer:bulk_delete",
  "customer_backoffice_customer:forget",
  "customer_backoffice_customer:merge",
  "customer_backoffice_house_account:adjust",
  "customer_backoffice_import:commit",
  "customer_backoffice_import:undo",
  "customer_backoffice_points:adjust",
  "customer_backoffice_referral_source:delete",
  "customer_backoffice_trade_account:approve",
]

const ok = { validateStatus: () => true }
const IMPORTS = "/admin/backoffice/customer-imports"

/**
 * An admin user whose session carries the given roles, as Medusa's login puts
 * them in the token (app_metadata.roles), and who is linked to them (so
 * /admin/rbac/me/permissions sees them too).
 */
async function adminWithRoles(container: MedusaContainer, roleIds: string[]) {
  const email = `rbac-${Date.now()}-${Math.round(Math.random() * 1e6)}@example.com`
  const user = await container.resolve(Modules.USER).createUsers({ email, first_name: "Role", last_name: "Holder" })
  const authIdentity = await container.resolve(Modules.AUTH).createAuthIdentities({
    provider_identities: [{ provider: "emailpass", entity_id: email }],
    app_metadata: { user_id: user.id },
  })
  if (roleIds.length) {
    const link = container.resolve(ContainerRegistrationKeys.LINK)
    await link.create(
      roleIds.map((rbac_role_id) => ({
        [Modules.USER]: { user_id: user.id },
        [Modules.RBAC]: { rbac_role_id },
      }))
    )
  }
  const config = container.resolve(ContainerRegistrationKeys.CONFIG_MODULE)
  const token = generateJwtToken(
    {
      actor_id: user.id,
      actor_type: "user",
      auth_identity_id: authIdentity.id,
      app_metadata: { user_id: user.id, roles: roleIds },
    },
    { secret: config.projectConfig.http.jwtSecret!, expiresIn: "1d" }
  )
  return { user, headers: { authorization: `Bearer ${token}` } }
}

useTestHost({
  prefix: "cbo-http-rbac",
  admin: false,
  env: {
    MEDUSA_FF_RBAC: "true",
  },
  testSuite: ({ api, getContainer }) => {
    let manager: Record<string, string> // every back-office policy + Medusa's customer policies
    let clerk: Record<string, string> // may read customers, nothing destructive
    let pointsOnly: Record<string, string> // may adjust points, nothing else
    let noRoles: Record<string, string> // a user without any role

    const knex = (): Knex => getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
    const rbac = () => getContainer().resolve(Modules.RBAC)

    async function role(name: string, keys: string[]) {
      const policies = await rbac().listRbacPolicies({ key: keys })
      expect(policies.map((p) => p.key).sort()).toEqual([...keys].sort())
      const created = await rbac().createRbacRoles({ name: `${name} ${Date.now()}` })
      await rbac().createRbacRolePolicies(policies.map((p) => ({ role_id: created.id, policy_id: p.id })))
      return created.id
    }

    beforeAll(async () => {
      const container = getContainer()
      const managerRole = await role("Manager", [
        ...PLUGIN_POLICIES,
        "customer:read",
        "customer:delete",
        "customer_group:delete",
      ])
      const clerkRole = await role("Clerk", ["customer:read"])
      const pointsRole = await role("Points", ["customer_backoffice_points:adjust"])
      manager = (await adminWithRoles(container, [managerRole])).headers
      clerk = (await adminWithRoles(container, [clerkRole])).headers
      pointsOnly = (await adminWithRoles(container, [pointsRole])).headers
      noRoles = (await adminWithRoles(container, [])).headers
    })

    const newCustomer = async () =>
      getContainer()
        .resolve(Modules.CUSTOMER)
        .createCustomers({
          email: `rbac-c-${Date.now()}-${Math.round(Math.random() * 1e6)}@example.com`,
          first_name: "Casey",
          last_name: "Customer",
        })
    /** Gone or soft-deleted. */
    const isDeleted = async (table: string, id: string) => {
      const row = await knex()(table).where({ id }).first()
      return !row || !!row.deleted_at
    }

    it("registers the back-office policies at startup, so roles can be granted them", async () => {
      const keys = (await rbac().listRbacPolicies({ key: PLUGIN_POLICIES })).map((p) => p.key).sort()
      expect(keys).toEqual([...PLUGIN_POLICIES].sort())
      const me = await api.get("/admin/rbac/me/permissions", { headers: manager })
      expect(me.status).toBe(200)
      expect(me.data.permissions).toEqual(expect.arrayContaining(PLUGIN_POLICIES))
      const clerkMe = await api.get("/admin/rbac/me/permissions", { headers: clerk })
      expect(clerkMe.data.permissions).toContain("customer:read")
      for (const key of PLUGIN_POLICIES) expect(clerkMe.data.permissions).not.toContain(key)
    })

    it("bulk delete: 403 without customer_backoffice_customer:bulk_delete (nothing deleted), 200 with it", async () => {
      const c = await newCustomer()
      for (const headers of [clerk, pointsOnly, noRoles]) {
        const res = await api.post("/admin/backoffice/customers/delete", { ids: [c.id] }, { headers, ...ok })
        expect(res.status).toBe(403)
      }
      const refused = await api.post("/admin/backoffice/customers/delete", { ids: [c.id] }, { headers: clerk, ...ok })
      expect(refused.data.message).toBe(
        "Insufficient permissions. Required policies: customer_backoffice_customer:bulk_delete"
      )
      expect(await isDeleted("customer", c.id)).toBe(false)

      const res = await api.post("/admin/backoffice/customers/delete", { ids: [c.id] }, { headers: manager, ...ok })
      expect(res.status).toBe(200)
      expect(res.data.count).toBe(1)
      expect(await isDeleted("customer", c.id)).toBe(true)
    })

    it("the policy is checked before the body: a refused role gets 403 even for a bad body", async () => {
      const res = await api.post("/admin/backoffice/customers/delete", { ids: "nope" }, { headers: clerk, ...ok })
      expect(res.status).toBe(403)
    })

    it("points: 403 without customer_backoffice_points:adjust (balance unchanged), 201 with it", async () => {
      const c = await newCustomer()
      const enrolled = await api.post(`/admin/backoffice/customers/${c.id}/loyalty`, { enrolled: true }, { headers: clerk, ...ok })
      expect(enrolled.status).toBe(200)
      const body = { direction: "add", points: 250, reason: "Goodwill" }
      for (const headers of [clerk, noRoles]) {
        const res = await api.post(`/admin/backoffice/customers/${c.id}/loyalty/adjustments`, body, { headers, ...ok })
        expect(res.status).toBe(403)
      }
      const before = await api.get(`/admin/backoffice/customers/${c.id}/loyalty`, { headers: clerk })
      expect(before.data.loyalty.balance).toBe(0)
      const history = await api.get(`/admin/backoffice/customers/${c.id}/loyalty/history`, { headers: clerk })
      expect(history.data.count).toBe(0)

      const granted = await api.post(`/admin/backoffice/customers/${c.id}/loyalty/adjustments`, body, { headers: pointsOnly, ...ok })
      expect(granted.status).toBe(201)
      expect(granted.data.loyalty.balance).toBe(250)
      const removed = await api.post(
        `/admin/backoffice/customers/${c.id}/loyalty/adjustments`,
        { direction: "remove", points: 50, reason: "Correction" },
        { headers: manager, ...ok }
      )
      expect(removed.status).toBe(201)
      expect(removed.data.loyalty.balance).toBe(200)
    })

    it("one policy opens only its own action: the points role cannot bulk delete", async () => {
      const c = await newCustomer()
      const res = await api.post("/admin/backoffice/customers/delete", { ids: [c.id] }, { headers: pointsOnly, ...ok })
      expect(res.status).toBe(403)
      expect(await isDeleted("customer", c.id)).toBe(false)
    })

    it("import: confirm and undo each need their policy; refused, the import stays as it was", async () => {
      const email = `rbac-import-${Date.now()}@example.com`
      const form = new FormData()
      form.append("file", new Blob([`Email,First Name,Last Name\r\n${email},Ida,Import\r\n`], { type: "text/csv" }), "rbac.csv")
      const created = await api.post(IMPORTS, form, { headers: clerk, ...ok })
      expect(created.status).toBe(201)
      const id = created.data.import_run.id
      const waitStatus = (statuses: string[]) =>
        waitFor(
          async () => {
            const res = await api.get(`${IMPORTS}/${id}`, { headers: clerk })
            return statuses.includes(res.data.import_run?.status) ? res.data.import_run : null
          },
          { timeoutMs: 60_000, intervalMs: 200, what: `import to be ${statuses.join("/")}` }
        )
      expect((await waitStatus(["review", "failed"])).status).toBe("review")

      for (const headers of [clerk, pointsOnly, noRoles]) {
        const res = await api.post(`${IMPORTS}/${id}/confirm`, {}, { headers, ...ok })
        expect(res.status).toBe(403)
      }
      const still = await api.get(`${IMPORTS}/${id}`, { headers: clerk })
      expect(still.data.import_run.status).toBe("review")
      expect(await knex()("customer").where({ email }).first()).toBeUndefined()

      const confirmed = await api.post(`${IMPORTS}/${id}/confirm`, {}, { headers: manager, ...ok })
      expect(confirmed.status).toBe(200)
      expect((await waitStatus(["completed", "failed"])).status).toBe("completed")
      const imported = await knex()("customer").where({ email }).first()
      expect(imported?.deleted_at).toBeNull()

      const refused = await api.post(`${IMPORTS}/${id}/undo`, {}, { headers: clerk, ...ok })
      expect(refused.status).toBe(403)
      expect(refused.data.message).toBe("Insufficient permissions. Required policies: customer_backoffice_import:undo")
      expect((await api.get(`${IMPORTS}/${id}`, { headers: clerk })).data.import_run.status).toBe("completed")
      expect(await isDeleted("customer", imported.id)).toBe(false)

      const undone = await api.post(`${IMPORTS}/${id}/undo`, {}, { headers: manager, ...ok })
      expect(undone.status).toBe(200)
      expect(undone.data.import_run.status).toBe("undone")
      expect(await isDeleted("customer", imported.id)).toBe(true)
    })

    it("referral source delete needs customer_backoffice_referral_source:delete", async () => {
      const src = await api.post("/admin/backoffice/referral-sources", { name: `Radio ${Date.now()}` }, { headers: clerk, ...ok })
      expect(src.status).toBe(201)
      const id = src.data.referral_source.id
      const refused = await api.delete(`/admin/backoffice/referral-sources/${id}`, { headers: clerk, ...ok })
      expect(refused.status).toBe(403)
      expect(await isDeleted("referral_source", id)).toBe(false)
      const res = await api.delete(`/admin/backoffice/referral-sources/${id}`, { headers: manager, ...ok })
      expect(res.status).toBe(200)
      expect(await isDeleted("referral_source", id)).toBe(true)
    })

    it("category delete needs Medusa's customer_group:delete (a category is a customer group)", async () => {
      const cat = await api.post("/admin/backoffice/categories", { name: `VIP ${Date.now()}` }, { headers: clerk, ...ok })
      expect(cat.status).toBe(201)
      const id = cat.data.category.id
      const refused = await api.delete(`/admin/backoffice/categories/${id}`, { headers: clerk, ...ok })
      expect(refused.status).toBe(403)
      expect(refused.data.message).toBe("Insufficient permissions. Required policies: customer_group:delete")
      expect(await isDeleted("customer_group", id)).toBe(false)
      const res = await api.delete(`/admin/backoffice/categories/${id}`, { headers: manager, ...ok })
      expect(res.status).toBe(200)
      expect(await isDeleted("customer_group", id)).toBe(true)
    })

    it("deleting one customer needs Medusa's customer:delete, as Medusa's own customer delete", async () => {
      const c = await newCustomer()
      const refused = await api.delete(`/admin/backoffice/customers/${c.id}`, { headers: clerk, ...ok })
      expect(refused.status).toBe(403)
      expect(await isDeleted("customer", c.id)).toBe(false)
      const res = await api.delete(`/admin/backoffice/customers/${c.id}`, { headers: manager, ...ok })
      expect(res.status).toBe(200)
      expect(await isDeleted("customer", c.id)).toBe(true)
    })

    it("an export reads every customer: it needs Medusa's customer:read", async () => {
      const countJobs = async () =>
        Number((await knex()("backoffice_job").where({ type: "customer_export.run" }).count("* as n"))[0].n)
      const before = await countJobs()
      const refused = await api.post("/admin/backoffice/customer-exports", {}, { headers: pointsOnly, ...ok })
      expect(refused.status).toBe(403)
      expect(await countJobs()).toBe(before)
      const res = await api.post("/admin/backoffice/customer-exports", {}, { headers: clerk, ...ok })
      expect(res.status).toBe(202)
      expect(await countJobs()).toBe(before + 1)
    })

    it("a user without any role is refused guarded routes but may use the others", async () => {
      const refused = await api.post("/admin/backoffice/customer-imports/cimp_x/undo", {}, { headers: noRoles, ...ok })
      expect(refused.status).toBe(403)
      expect(refused.data.message).toBe("Forbidden")
      const list = await api.get("/admin/backoffice/customers", { headers: noRoles, ...ok })
      expect(list.status).toBe(200)
    })

    it("trade applications: approve and reject need customer_backoffice_trade_account:approve; refused, the application stays pending", async () => {
      const c = await newCustomer()
      const trade = getContainer().resolve("trade_accounts") as any
      await trade.createTradeAccounts({ customer_id: c.id, account_type: "trade", active: false })
      const app = await trade.createTradeApplications({ customer_id: c.id, email: c.email, company_name: "Role Test Ltd" })
      for (const headers of [clerk, pointsOnly, noRoles]) {
        const approve = await api.post(`/admin/backoffice/trade-applications/${app.id}/approve`, {}, { headers, ...ok })
        expect(approve.status).toBe(403)
        const reject = await api.post(`/admin/backoffice/trade-applications/${app.id}/reject`, { reason: "No" }, { headers, ...ok })
        expect(reject.status).toBe(403)
      }
      expect((await trade.listTradeApplications({ id: app.id }))[0].status).toBe("pending")
      expect((await api.get("/admin/backoffice/trade-applications", { headers: clerk })).data.applications[0].id).toBe(app.id)
      const granted = await api.post(`/admin/backoffice/trade-applications/${app.id}/approve`, {}, { headers: manager, ...ok })
      expect(granted.status).toBe(200)
      expect(granted.data.application.status).toBe("approved")
    })
  },
})
