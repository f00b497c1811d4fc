import { definePolicies } from "@medusajs/framework/utils"
import { CBO_PERMISSIONS } from "../lib/permissions"

/**
 * The customer back office's RBAC policies (MEDUSA_FF_RBAC): Medusa stores
 * them at start-up so merchants can grant them to roles. The routes carry
 * them through their `policies` (src/lib/permissions.ts has the keys).
 *
 * With RBAC off (Medusa's default) Medusa enforces no policy: every admin may
 * do all of this, as with Medusa's own routes.
 *
 * Declared before its route exists (so roles can be granted ahead): merge.
 */
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
    name: "CustomerBackofficeExportCustomerData",
    ...p.exportCustomerData,
    description: "Export everything held about a customer (GDPR subject-access request)",
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
    description: "Post house-account entries: charges, payments received and adjustments",
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
