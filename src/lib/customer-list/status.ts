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
export const CUSTOMER_STATUSES = ["registered", "in_store", "guest", "pending_approval"] as const
export type CustomerStatus = (typeof CUSTOMER_STATUSES)[number]

/** Where staff create customers (customer_profile.origin). */
const STAFF_ORIGINS = "('admin', 'import', 'pos')"

/**
 * SQL predicate (over customer alias `c` and its LEFT JOINed profile `p`) that
 * is true for customers of `status`. Pending Approval (a trade application,
 * stored on the profile) takes precedence over the derived statuses.
 */
export function customerStatusPredicate(status: CustomerStatus, c = "c", p = "p"): string {
  const pending = `${p}.status_override = 'pending_approval'`
  const notPending = `(${p}.status_override IS NULL OR ${p}.status_override <> 'pending_approval')`
  const staff = `(${c}.created_by IS NOT NULL OR coalesce(${p}.origin, '') IN ${STAFF_ORIGINS})`
  switch (status) {
    case "pending_approval":
      return `(${pending})`
    case "registered":
      return `(${c}.has_account = true AND ${notPending})`
    case "in_store":
      return `(${c}.has_account = false AND ${staff} AND ${notPending})`
    case "guest":
      return `(${c}.has_account = false AND NOT ${staff} AND ${notPending})`
  }
}

/** SQL expression giving the status of customer `c` as text. */
export function customerStatusSql(c = "c", p = "p"): string {
  const order: CustomerStatus[] = ["pending_approval", "registered", "in_store", "guest"]
  const branches = order
    .map((s) => `WHEN ${customerStatusPredicate(s, c, p)} THEN '${s}'`)
    .join(" ")
  return `(CASE ${branches} ELSE 'guest' END)`
}

/** The same rule in TypeScript, for rows already loaded. */
export function customerStatusOf(row: {
  has_account: boolean
  created_by?: string | null
  origin?: string | null
  status_override?: string | null
}): CustomerStatus {
  if (row.status_override === "pending_approval") return "pending_approval"
  if (row.has_account) return "registered"
  return row.created_by || ["admin", "import", "pos"].includes(row.origin ?? "")
    ? "in_store"
    : "guest"
}
