import { model } from "@medusajs/framework/utils"

export const ACCOUNT_TYPES = ["retail", "trade"] as const
export type AccountType = (typeof ACCOUNT_TYPES)[number]

/**
 * A customer's account terms (the Account tab), 1:1 with the core customer.
 * A customer without a row is Retail and active. `active` lives here, where
 * the storefront cannot write it (never in `customer.metadata`).
 */
const TradeAccount = model
  .define("trade_account", {
    id: model.id({ prefix: "tacc" }).primaryKey(),
    customer_id: model.text(),
    account_type: model.enum([...ACCOUNT_TYPES]).default("retail"),
    /** Links the customer to an accounting package; unique when set (upper case). */
    account_code: model.text().nullable(),
    company_name: model.text().nullable(),
    company_number: model.text().nullable(),
    /** Normalised: upper case, no spaces or dots. */
    vat_number: model.text().nullable(),
    free_delivery: model.boolean().default(false),
    /** Global discount in hundredths of a percent (1250 = 12.50 %), 0–10000. */
    discount_bp: model.number().default(0),
    price_list_id: model.text().nullable(),
    /** No login, no /store customer routes, no carts when false. */
    active: model.boolean().default(true),
  })
  .indexes([
    { on: ["customer_id"], unique: true, where: "deleted_at IS NULL" },
    {
      on: ["account_code"],
      unique: true,
      where: "account_code IS NOT NULL AND deleted_at IS NULL",
    },
    { on: ["account_type"] },
  ])

export default TradeAccount
