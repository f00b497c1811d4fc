import { CBO_PERMISSIONS, permissionKey, type PermissionName } from "../permissions"
import { customerBackofficePolicies } from "../../policies/customer-backoffice"

describe("customer back office permissions", () => {
  it("declares one policy for every permission the routes and the admin use, and nothing else", () => {
    const declared = customerBackofficePolicies.policies.map((p) => `${p.resource}:${p.operation}`).sort()
    const used = (Object.keys(CBO_PERMISSIONS) as PermissionName[]).map(permissionKey).sort()
    expect(declared).toEqual(used)
    expect(new Set(declared).size).toBe(declared.length)
  })

  it("keeps keys Medusa stores unchanged (snake_case resources and operations, one family prefix)", () => {
    for (const name of Object.keys(CBO_PERMISSIONS) as PermissionName[]) {
      expect(permissionKey(name)).toMatch(/^customer_backoffice_[a-z_]+:[a-z_]+$/)
    }
    expect(permissionKey("adjustPoints")).toBe("customer_backoffice_points:adjust")
  })

  it("gives every policy a unique name and a description for the roles screen", () => {
    const names = customerBackofficePolicies.policies.map((p) => p.name)
    expect(new Set(names).size).toBe(names.length)
    for (const p of customerBackofficePolicies.policies) expect(p.description).toBeTruthy()
  })
})
