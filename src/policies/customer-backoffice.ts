import { definePolicies } from "@medusajs/framework/utils"

/**
 * Permissions of the customer back office (Medusa role-based access control,
 * MEDUSA_FF_RBAC). One resource per area, all prefixed `customer_backoffice_`,
 * so a role can be granted one action (`customer_backoffice_points:adjust`)
 * or a whole area (`customer_backoffice_points:*`).
 *
 * With RBAC off (Medusa's default) Medusa enforces no policy: every admin may
 * do all of this, as with Medusa's own routes.
 *
 * Declared before their routes exist (so roles can be granted ahead):
 * forget, merge, house-account adjustments and trade approval.
 */
export const CBO_PERMISSIONS = {
  bulkDeleteCustomers: { resource: "customer_backoffice_customer", operation: "bulk_delete" },
  forgetCustomer: { resource: "customer_backoffice_customer", operation: "forget" },
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

const p = CBO_PERMISSIONS

export const customerBackofficePolicies = definePolicies([
  {
    name: "CustomerBackofficeBulkDeleteCustomers",
    ...p.bulkDeleteCustomers,
    description: "Delete several customers at once from the customer back office list",
  },
  {
    name: "CustomerBackofficeForgetCustomer",
    ...p.forgetCustomer,
    description: "Erase a customer's personal data (GDPR forget)",
  },
  {
    name: "CustomerBackofficeMergeCustomers",
    ...p.mergeCustomers,
    description: "Merge duplicate customers into one",
  },
  {
    name: "CustomerBackofficeAdjustPoints",
    ...p.adjustPoints,
    description: "Add or remove a customer's loyalty points by hand",
  },
  {
    name: "CustomerBackofficeAdjustHouseAccount",
    ...p.adjustHouseAccount,
    description: "Adjust a customer's house-account balance or credit limit",
  },
  {
    name: "CustomerBackofficeCommitImport",
    ...p.commitImport,
    description: "Confirm a reviewed customer import so it writes customers",
  },
  {
    name: "CustomerBackofficeUndoImport",
    ...p.undoImport,
    description: "Undo a committed customer import",
  },
  {
    name: "CustomerBackofficeApproveTradeAccount",
    ...p.approveTradeAccount,
    description: "Approve or reject a customer's trade account application",
  },
  {
    name: "CustomerBackofficeDeleteReferralSource",
    ...p.deleteReferralSource,
    description: "Delete a referral source",
  },
])
