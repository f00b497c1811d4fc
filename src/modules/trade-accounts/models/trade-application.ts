import { model } from "@medusajs/framework/utils"

export const APPLICATION_STATUSES = ["pending", "approved", "rejected"] as const
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number]

/**
 * A trade application as the applicant submitted it (fields kept as sent),
 * and the staff decision on it.
 */
const TradeApplication = model
  .define("trade_application", {
    id: model.id({ prefix: "tapp" }).primaryKey(),
    customer_id: model.text(),
    status: model.enum([...APPLICATION_STATUSES]).default("pending"),
    /** "storefront" (the shopper applied) or "admin" (registered by staff). */
    source: model.text().default("storefront"),
    /** The applicant's login email at the time of the application. */
    email: model.text(),
    company_name: model.text(),
    company_number: model.text().nullable(),
    vat_number: model.text().nullable(),
    phone: model.text().nullable(),
    address: model.json().nullable(),
    note: model.text().nullable(),
    decided_at: model.dateTime().nullable(),
    decided_by: model.text().nullable(),
    rejection_reason: model.text().nullable(),
    /** The terms the application was approved with. */
    terms: model.json().nullable(),
  })
  .indexes([
    { on: ["customer_id"] },
    { on: ["status", "created_at"] },
    {
      on: ["customer_id"],
      unique: true,
      where: "status = 'pending' AND deleted_at IS NULL",
      name: "IDX_trade_application_one_pending",
    },
  ])

export default TradeApplication
