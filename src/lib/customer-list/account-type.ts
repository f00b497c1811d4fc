/**
 * The customer list's account type (trade accounts, issue 14) in SQL over
 * customer alias `c`: Retail (no trade account, or a Retail one), Trade (an
 * approved trade account, active or not) or Pending (a trade application
 * awaiting a decision — the same record the Pending Approval status comes from).
 */
import type { Knex } from "@medusajs/framework/mikro-orm/knex"

export const ACCOUNT_TYPE_FILTERS = ["retail", "trade", "pending"] as const
export type AccountTypeFilter = (typeof ACCOUNT_TYPE_FILTERS)[number]

const pending = (c: string) =>
  `EXISTS (SELECT 1 FROM trade_application ta WHERE ta.customer_id = ${c}.id AND ta.status = 'pending' AND ta.deleted_at IS NULL)`
const trade = (c: string) =>
  `EXISTS (SELECT 1 FROM trade_account tac WHERE tac.customer_id = ${c}.id AND tac.account_type = 'trade' AND tac.deleted_at IS NULL)`

/** SQL predicate true for the customers of that account type. */
export function accountTypePredicate(type: AccountTypeFilter, c = "c"): string {
  switch (type) {
    case "pending":
      return `(${pending(c)})`
    case "trade":
      return `(${trade(c)} AND NOT ${pending(c)})`
    case "retail":
      return `(NOT ${trade(c)} AND NOT ${pending(c)})`
  }
}

/** SQL expression giving the account type of customer `c` as text. */
export function accountTypeSql(c = "c"): string {
  return `(CASE WHEN ${pending(c)} THEN 'pending' WHEN ${trade(c)} THEN 'trade' ELSE 'retail' END)`
}

/** The list filter: customers of any of the given account types. */
export function accountTypeFilter(qb: Knex.QueryBuilder, p: { account_type?: AccountTypeFilter[] }) {
  if (!p.account_type?.length) return
  const types = [...new Set(p.account_type)]
  if (types.length === ACCOUNT_TYPE_FILTERS.length) return
  qb.whereRaw(`(${types.map((t) => accountTypePredicate(t)).join(" OR ")})`)
}
