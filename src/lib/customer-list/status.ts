/**
 * Customer statuses of the back office, derived from Medusa's core customer:
 *
 * - `registered`: the customer has an account (`has_account`);
 * - `in_store`:   created by staff (admin, import, POS: `created_by` is set), no account;
 * - `guest`:      created by a checkout (neither).
 *
 * This is the only place that defines them. When the customer profile
 * (`customer_profile.origin` / `status_override`) exists, extend the
 * predicates here and every filter, badge and count follows.
 */
export const CUSTOMER_STATUSES = ["registered", "in_store", "guest"] as const
export type CustomerStatus = (typeof CUSTOMER_STATUSES)[number]

/** SQL predicate (over customer alias `c`) that is true for customers of `status`. */
export function customerStatusPredicate(status: CustomerStatus, c = "c"): string {
  switch (status) {
    case "registered":
      return `${c}.has_account = true`
    case "in_store":
      return `(${c}.has_account = false AND ${c}.created_by IS NOT NULL)`
    case "guest":
      return `(${c}.has_account = false AND ${c}.created_by IS NULL)`
  }
}

/** SQL expression giving the status of customer `c` as text. */
export function customerStatusSql(c = "c"): string {
  const branches = CUSTOMER_STATUSES.map(
    (s) => `WHEN ${customerStatusPredicate(s, c)} THEN '${s}'`
  ).join(" ")
  return `(CASE ${branches} END)`
}

/** The same rule in TypeScript, for rows already loaded. */
export function customerStatusOf(row: {
  has_account: boolean
  created_by?: string | null
}): CustomerStatus {
  if (row.has_account) return "registered"
  return row.created_by ? "in_store" : "guest"
}
