import { model } from "@medusajs/framework/utils"

export const ACCOUNT_STATUSES = ["active", "on_hold", "closed"] as const
export type HouseAccountStatus = (typeof ACCOUNT_STATUSES)[number]

/**
 * A house account: customers buy now and pay later, up to `credit_limit`.
 * Amounts are integers in minor units of `currency_code` (bigint columns, see
 * the hand-written migration). `balance` is what the customer owes (below 0:
 * in credit); it equals the sum of the entries and changes only under a row
 * lock on this row, in the transaction that writes the entry.
 */
const HouseAccount = model
  .define("house_account", {
    id: model.id({ prefix: "hacc" }).primaryKey(),
    account_number: model.text(),
    name: model.text(),
    currency_code: model.text(),
    /** 0 = no credit: payments in advance only. */
    credit_limit: model.number().default(0),
    /** Largest single charge (order); null = no per-order maximum. */
    order_limit: model.number().nullable(),
    balance: model.number().default(0),
    status: model.enum([...ACCOUNT_STATUSES]).default("active"),
    last_payment_at: model.dateTime().nullable(),
    metadata: model.json().nullable(),
  })
  .indexes([
    { on: ["account_number"], unique: true },
    { on: ["status"] },
  ])

export default HouseAccount
