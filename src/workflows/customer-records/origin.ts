import type { ProfileOrigin } from "../../modules/customer-records/models/customer-profile"

/** Where a customer came from, for a profile created after the fact. */
export function originFor(customer: {
  created_by?: string | null
  has_account?: boolean | null
}): ProfileOrigin {
  if (customer.created_by) return "admin"
  if (customer.has_account) return "storefront"
  return "checkout"
}
