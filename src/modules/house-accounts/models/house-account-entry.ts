import { model } from "@medusajs/framework/utils"

export const HOUSE_ENTRY_KINDS = ["charge", "refund", "payment", "adjustment"] as const
export type HouseEntryKind = (typeof HOUSE_ENTRY_KINDS)[number]

export const PAYMENT_METHODS = ["cash", "card", "bank_transfer", "cheque", "other"] as const
export type PaymentMethod = (typeof PAYMENT_METHODS)[number]

/**
 * One line of the append-only house account ledger. `amount` is signed, in
 * minor units: a charge raises what the customer owes (> 0), a payment or
 * refund lowers it (< 0), an adjustment is either. Never updated or deleted.
 */
const HouseAccountEntry = model
  .define("house_account_entry", {
    id: model.id({ prefix: "haent" }).primaryKey(),
    account_id: model.text(),
    kind: model.enum([...HOUSE_ENTRY_KINDS]),
    amount: model.number(),
    currency_code: model.text(),
    balance_after: model.number(),
    /** Payment method for a payment (cash, card, bank_transfer, ...). */
    method: model.text().nullable(),
    /** Bank reference, receipt or order number as typed by staff. */
    reference: model.text().nullable(),
    reason: model.text().nullable(),
    /** The customer the charge was made for (null for staff entries). */
    customer_id: model.text().nullable(),
    /** "user" (admin), "customer", "system". */
    actor_type: model.text(),
    actor_id: model.text().nullable(),
    /** "order", "admin", ... and its id. */
    source_type: model.text().nullable(),
    source_id: model.text().nullable(),
    idempotency_key: model.text(),
    metadata: model.json().nullable(),
  })
  .indexes([
    { on: ["idempotency_key"], unique: true },
    { on: ["account_id", "created_at"] },
    { on: ["customer_id", "created_at"] },
    { on: ["source_type", "source_id"] },
  ])

export default HouseAccountEntry
