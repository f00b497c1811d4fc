/**
 * The customer back office's permissions (Medusa role-based access control,
 * MEDUSA_FF_RBAC), shared by the policy declarations (src/policies), the
 * routes' `policies` and the admin, which hides what a role may not do.
 *
 * One resource per area, all prefixed `customer_backoffice_`, so a role can be
 * granted one action (`customer_backoffice_points:adjust`) or a whole area
 * (`customer_backoffice_points:*`).
 */
export const CBO_PERMISSIONS = {
  bulkDeleteCustomers: { resource: "customer_backoffice_customer", operation: "bulk_delete" },
  forgetCustomer: { resource: "customer_backoffice_customer", operation: "forget" },
  exportCustomerData: { resource: "customer_backoffice_customer", operation: "export_data" },
  mergeCustomers: { resource: "customer_backoffice_customer", operation: "merge" },
  adjustPoints: { resource: "customer_backoffice_points", operation: "adjust" },
  adjustHouseAccount: { resource: "customer_backoffice_house_account", operation: "adjust" },
  commitImport: { resource: "customer_backoffice_import", operation: "commit" },
  undoImport: { resource: "customer_backoffice_import", operation: "undo" },
  approveTradeAccount: { resource: "customer_backoffice_trade_account", operation: "approve" },
  deleteReferralSource: { resource: "customer_backoffice_referral_source", operation: "delete" },
} as const

/**
 * Medusa's own policies that plugin routes carry where they do what a core
 * route guarded by the same policy does.
 */
export const CORE_PERMISSIONS = {
  /** deleting one customer, as DELETE /admin/customers/:id */
  deleteCustomer: { resource: "customer", operation: "delete" },
  /** categories are customer groups: deleting one, as DELETE /admin/customer-groups/:id */
  deleteCustomerGroup: { resource: "customer_group", operation: "delete" },
  /** an export reads every customer, as GET /admin/customers */
  readCustomers: { resource: "customer", operation: "read" },
} as const

export type PermissionName = keyof typeof CBO_PERMISSIONS

/** `resource:operation`, as Medusa's `/admin/rbac/me/permissions` lists a permission. */
export function permissionKey(name: PermissionName): string {
  const { resource, operation } = CBO_PERMISSIONS[name]
  return `${resource}:${operation}`
}
