/**
 * The customer statuses in SQL, for the list's filters and its status column.
 * The rule itself (and the status names) is defined once, in
 * src/modules/customer-records/status.ts (`customerStatus`): these predicates
 * state the same rule over customer `c` and its LEFT JOINed profile `p`.
 */
import {
  CUSTOMER_STATUSES,
  STAFF_ORIGINS as STAFF_ORIGIN_LIST,
  type CustomerStatus,
} from "../../modules/customer-records/status"

export { CUSTOMER_STATUSES, type CustomerStatus }

const STAFF_ORIGINS = `(${STAFF_ORIGIN_LIST.map((o) => `'${o}'`).join(", ")})`

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
