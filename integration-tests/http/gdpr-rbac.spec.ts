import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules, generateJwtToken } from "@medusajs/framework/utils"
import { HOST_DIR, setTestEnv } from "../helpers/host"
import { deleteRedisPrefix, TEST_REDIS_URL } from "../helpers/redis"

jest.setTimeout(180_000)

const PREFIX = `cbo-http-gdpr-rbac-${process.pid}`
const restoreEnv = setTestEnv({
  MEDUSA_FF_RBAC: "true",
  CBO_QUEUE_PREFIX: PREFIX,
  REDIS_URL: TEST_REDIS_URL,
  ADMIN_DISABLED: "true",
})

const ok = { validateStatus: () => true }

/** An admin whose token carries the roles (as Medusa's login puts them) and who is linked to them. */
async function adminWithRoles(container: MedusaContainer, roleIds: string[]) {
  const email = `gdpr-rbac-${Date.now()}-${Math.round(Math.random() * 1e6)}@example.com`
  const user = await container.resolve(Modules.USER).createUsers({ email, first_name: "Role", last_name: "Holder" })
  const authIdentity = await container.resolve(Modules.AUTH).createAuthIdentities({
    provider_identities: [{ provider: "emailpass", entity_id: email }],
    app_metadata: { user_id: user.id },
  })
  if (roleIds.length) {
    await container.resolve(ContainerRegistrationKeys.LINK).create(
      roleIds.map((rbac_role_id) => ({ [Modules.USER]: { user_id: user.id }, [Modules.RBAC]: { rbac_role_id } }))
    )
  }
  const config = container.resolve(ContainerRegistrationKeys.CONFIG_MODULE)
  const token = generateJwtToken(
    { actor_id: user.id, actor_type: "user", auth_identity_id: authIdentity.id, app_metadata: { user_id: user.id, roles: roleIds } },
    { secret: config.projectConfig.http.jwtSecret!, expiresIn: "1d" }
  )
  return { authorization: `Bearer ${token}` }
}

medusaIntegrationTestRunner({
  cwd: HOST_DIR,
  testSuite: ({ api, getContainer }) => {
    afterAll(async () => {
      restoreEnv()
      await deleteRedisPrefix(PREFIX)
    })

    it("forget needs customer_backoffice_customer:forget and the data export customer_backoffice_customer:export_data: 403 without (nothing queued), through with", async () => {
      const container = getContainer()
      const rbac = container.resolve(Modules.RBAC)
      const role = async (name: string, keys: string[]) => {
        const policies = await rbac.listRbacPolicies({ key: keys })
        expect(policies.map((p: any) => p.key).sort()).toEqual([...keys].sort())
        const created = await rbac.createRbacRoles({ name: `${name} ${Date.now()}` })
        await rbac.createRbacRolePolicies(policies.map((p: any) => ({ role_id: created.id, policy_id: p.id })))
        return created.id
      }
      const dpo = await adminWithRoles(container, [
        await role("Privacy officer", ["customer_backoffice_customer:forget", "customer_backoffice_customer:export_data"]),
      ])
      const clerk = await adminWithRoles(container, [await role("Clerk", ["customer:read"])])
      const [c] = await container.resolve(Modules.CUSTOMER).createCustomers([{ email: `rbac-${Date.now()}@example.com` }])
      const base = `/admin/backoffice/customers/${c.id}`
      const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)

      let res = await api.post(`${base}/forget`, { confirm_email: c.email }, { headers: clerk, ...ok })
      expect(res.status).toBe(403)
      expect(res.data.message).toBe("Insufficient permissions. Required policies: customer_backoffice_customer:forget")
      expect((await api.get(`${base}/forget`, { headers: clerk, ...ok })).status).toBe(403)
      res = await api.post(`${base}/data-export`, {}, { headers: clerk, ...ok })
      expect(res.status).toBe(403)
      expect(res.data.message).toBe("Insufficient permissions. Required policies: customer_backoffice_customer:export_data")
      expect((await api.get(`${base}/data-export`, { headers: clerk, ...ok })).status).toBe(403)
      expect(await knex("backoffice_job").whereIn("type", ["gdpr.forget", "gdpr.data_export"]).count()).toEqual([{ count: "0" }])

      // with the policies: past the check (a wrong email is the next answer; the export starts)
      res = await api.post(`${base}/forget`, { confirm_email: "nope@example.com" }, { headers: dpo, ...ok })
      expect(res.status).toBe(400)
      expect((await api.get(`${base}/forget`, { headers: dpo, ...ok })).data).toMatchObject({ status: "not_requested", blocking: [] })
      expect((await api.post(`${base}/data-export`, {}, { headers: dpo, ...ok })).status).toBe(202)
    })
  },
})
