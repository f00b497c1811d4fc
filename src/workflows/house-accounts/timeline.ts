import { formatMinor } from "../../modules/house-accounts/money"
import type { HouseAccountJSON, HouseEntryJSON } from "../../types/house-accounts"
import type { TimelineEntryInput } from "../../modules/customer-timeline/types"

/** Timeline kinds of house-account entries. */
export const HOUSE_TIMELINE_KINDS = {
  charge: "house_account.charged",
  refund: "house_account.refunded",
  payment: "house_account.payment",
  adjustment: "house_account.adjusted",
} as const

/**
 * The timeline entries of one ledger entry: on the customer it was made for
 * (a charge or refund of their order), else on every customer of the account
 * (a payment or adjustment concerns the whole account).
 */
export function houseEntryTimeline(entry: HouseEntryJSON, account: HouseAccountJSON): TimelineEntryInput[] {
  const money = (n: number) => formatMinor(n, entry.currency_code)
  const acct = `house account ${account.account_number}`
  const order = entry.source_type === "order" && entry.source_id ? ` (order ${entry.source_id})` : ""
  let summary: string
  switch (entry.kind) {
    case "charge":
      summary = `Charged ${money(entry.amount)} to ${acct}${order}`
      break
    case "refund":
      summary = `Credited ${money(-entry.amount)} to ${acct}${order}`
      break
    case "payment":
      summary =
        `Payment of ${money(-entry.amount)} received on ${acct}` +
        (entry.method ? ` (${entry.method.replace(/_/g, " ")}${entry.reference ? `, ${entry.reference}` : ""})` : "")
      break
    default:
      summary = `${acct[0].toUpperCase()}${acct.slice(1)} adjusted by ${money(entry.amount)}${entry.reason ? `: ${entry.reason}` : ""}`
  }
  const customers = entry.customer_id ? [entry.customer_id] : account.customer_ids
  return customers.map((customer_id) => ({
    customer_id,
    kind: HOUSE_TIMELINE_KINDS[entry.kind],
    summary: summary.slice(0, 500),
    data: {
      account_id: account.id,
      account_number: account.account_number,
      entry_id: entry.id,
      amount: entry.amount,
      balance_after: entry.balance_after,
      currency_code: entry.currency_code,
      source_type: entry.source_type,
      source_id: entry.source_id,
    },
    actor_type: entry.actor_type,
    actor_id: entry.actor_id,
  }))
}
