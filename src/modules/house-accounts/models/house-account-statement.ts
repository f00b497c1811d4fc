import { model } from "@medusajs/framework/utils"

/**
 * A statement of a house account for a period, as generated: its figures
 * (minor units of `currency_code`) and the keys of its PDF and CSV in the
 * plugin's private customer-file store (never public; downloaded through
 * the admin and store routes). Figures of a period never change afterwards:
 * the ledger is append-only and entries are dated when written.
 */
const HouseAccountStatement = model
  .define("house_account_statement", {
    id: model.id({ prefix: "hastm" }).primaryKey(),
    account_id: model.text(),
    /** Inclusive start of the period. */
    period_start: model.dateTime(),
    /** Inclusive end of the period. */
    period_end: model.dateTime(),
    currency_code: model.text(),
    opening_balance: model.number(),
    charges: model.number(),
    /** Payments and refunds (a positive number: what lowered the balance). */
    credits: model.number(),
    /** Sum of the adjustments (signed). */
    adjustments: model.number(),
    closing_balance: model.number(),
    /** What the customer must pay: the closing balance when it is owed, else 0. */
    amount_due: model.number(),
    entry_count: model.number(),
    pdf_file_key: model.text().nullable(),
    csv_file_key: model.text().nullable(),
    /** "user" (admin), "system" (the monthly job). */
    generated_by_type: model.text(),
    generated_by_id: model.text().nullable(),
    /** Addresses the statement was sent to, and when. */
    emailed_to: model.json().nullable(),
    emailed_at: model.dateTime().nullable(),
  })
  .indexes([{ on: ["account_id", "period_start", "period_end"] }])

export default HouseAccountStatement
