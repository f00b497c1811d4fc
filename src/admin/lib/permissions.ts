import { useQuery } from "@tanstack/react-query"
import { permissionKey } from "../../lib/permissions"
import { apiGet, errorStatus } from "./sdk"

/**
 * The plugin's RBAC permissions the admin checks, as the `resource:operation`
 * strings Medusa's `/admin/rbac/me/permissions` lists (src/lib/permissions.ts
 * is shared with the routes' policies).
 */
export const PERMISSIONS = {
  bulkDeleteCustomers: permissionKey("bulkDeleteCustomers"),
  forgetCustomer: permissionKey("forgetCustomer"),
  exportCustomerData: permissionKey("exportCustomerData"),
  adjustPoints: permissionKey("adjustPoints"),
  adjustHouseAccount: permissionKey("adjustHouseAccount"),
  commitImport: permissionKey("commitImport"),
  undoImport: permissionKey("undoImport"),
  approveTradeAccount: permissionKey("approveTradeAccount"),
  mergeCustomers: permissionKey("mergeCustomers"),
}
export type Permission = (typeof PERMISSIONS)[keyof typeof PERMISSIONS]

/** `null`: every action is allowed (RBAC is off, or the list could not be read). */
async function fetchPermissions(): Promise<Set<string> | null> {
  try {
    const { permissions } = await apiGet<{ permissions?: string[] }>("/admin/rbac/me/permissions")
    return Array.isArray(permissions) ? new Set(permissions) : null
  } catch (error) {
    // With RBAC off (Medusa's default) the endpoint does not exist (404) and
    // Medusa checks no policy: every admin may.
    if (errorStatus(error) === 404) return null
    // Any other failure leaves the actions on too: the server still refuses
    // (403) what the admin's role does not allow.
    return null
  }
}

/**
 * What the signed-in admin may do. `can(p)` is false while the list loads,
 * so a destructive button never flashes on for a role that lacks it.
 */
export function usePermissions() {
  const query = useQuery({
    queryKey: ["cbo", "rbac", "me", "permissions"],
    queryFn: fetchPermissions,
    staleTime: 5 * 60_000,
    retry: false,
  })
  const granted = query.data
  return {
    isLoading: query.isLoading,
    /** RBAC is on and the list was read. */
    enforced: !!granted,
    can: (permission: Permission) =>
      query.isLoading ? false : granted ? granted.has(permission) : true,
  }
}

/** The tooltip / hint on an action the admin's role does not allow. */
export const NOT_PERMITTED = "Your role does not allow this action. Ask an admin who manages roles."
