import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules, generateJwtToken } from "@medusajs/framework/utils"
import { useTestHost } from "../helpers/test-host"

jest.setTimeout(180_000)

const ok = { validateStatus: () => true }
const BASE = "/admin/backoffice/house-accounts"
const POLICY = "customer_backoffice_house_account:adjust"

/** An admin whose token carries the roles (as Medusa's login puts them) and who is linked to them. */
async function adminWithRoles(container: MedusaContainer, roleIds: string[]) {
  const email = `hacc-rbac-${Date.now()}-${Math.round(Math.random() * 1e6)}@example.com`
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

useTestHost({
  prefix: "cbo-http-hacc-rbac",
  admin: false,
  env: { MEDUSA_FF_RBAC: "true" },
  testSuite: ({ api, getContainer }) => {
    it("posting entries needs customer_backoffice_house_account:adjust: 403 without it (nothing written), 201 with it", async () => {
      const container = getContainer()
      const rbac = container.resolve(Modules.RBAC)
      const role = async (name: string, keys: string[]) => {
        const policies = await rbac.listRbacPolicies({ key: keys })
        expect(policies.map((p: any) => p.key).sort()).toEqual([...keys].sort())
        const created = await rbac.createRbacRoles({ name: `${name} ${Date.now()}` })
        await rbac.createRbacRolePolicies(policies.map((p: any) => ({ role_id: created.id, policy_id: p.id })))
        return created.id
      }
      const cashier = await adminWithRoles(container, [await role("House accounts", [POLICY])])
      const clerk = await adminWithRoles(container, [await role("Clerk", ["customer:read"])])

      const svc = container.resolve("house_accounts") as any
      const acc = await svc.createAccount({ name: "Acme", currency_code: "eur", credit_limit: 10_000 })
      const body = { kind: "payment", amount: 500, method: "cash" }

      let res = await api.post(`${BASE}/${acc.id}/entries`, body, { headers: clerk, ...ok })
      expect(res.status).toBe(403)
      expect(res.data.message).toBe(`Insufficient permissions. Required policies: ${POLICY}`)
      expect((await svc.listEntries(acc.id, {}, { limit: 10, offset: 0 })).count).toBe(0)

      res = await api.post(`${BASE}/${acc.id}/entries`, body, { headers: cashier, ...ok })
      expect(res.status).toBe(201)
      expect(res.data.account.balance).toBe(-500)
    })
  },
})
