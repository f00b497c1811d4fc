import type { CustomerStatus } from "../../types/customer-records"

export { CUSTOMER_STATUSES, type CustomerStatus } from "../../types/customer-records"

export const STAFF_ORIGINS = ["admin", "import", "pos"] as const

export type CustomerStatusInput = {
  has_account?: boolean | null
  created_by?: string | null
  origin?: string | null
  status_override?: string | null
}

/**
 * The statuses a customer shows, derived from core data and the profile:
 * - Registered: has a storefront account;
 * - In-Store: created by staff (admin, import, POS) and no account;
 * - Guest: otherwise (created by checkout, no account);
 * - Pending Approval: a stored override (trade applications), shown in
 *   addition to the above.
 * The first element is the primary status.
 */
export function customerStatus(input: CustomerStatusInput): CustomerStatus[] {
  const statuses: CustomerStatus[] = []
  if (input.status_override === "pending_approval") {
    statuses.push("pending_approval")
  }
  if (input.has_account) {
    statuses.push("registered")
  } else if (
    !!input.created_by ||
    (STAFF_ORIGINS as readonly string[]).includes(input.origin ?? "")
  ) {
    statuses.push("in_store")
  } else {
    statuses.push("guest")
  }
  return statuses
}

export { STATUS_LABELS } from "../../types/customer-records"
