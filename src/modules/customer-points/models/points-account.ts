import { model } from "@medusajs/framework/utils"

/**
 * A customer's loyalty account. `balance` is kept equal to the sum of the
 * ledger entries and to the sum of the lot remainders; it only changes under
 * a row lock on this row (see the service).
 */
const PointsAccount = model
  .define("points_account", {
    id: model.id({ prefix: "ptsacc" }).primaryKey(),
    customer_id: model.text(),
    enrolled: model.boolean().default(false),
    enrolled_at: model.dateTime().nullable(),
    balance: model.number().default(0),
    /** Loyalty account code (barcode on a physical card); unique, upper case. */
    code: model.text(),
    /**
     * Never later than the earliest expiry of a lot still holding points
     * (null: no lot holds points). A write checks for lots past their date
     * only once this date has passed.
     */
    next_expiry_at: model.dateTime().nullable(),
  })
  .indexes([
    { on: ["customer_id"], unique: true },
    { on: ["code"], unique: true },
  ])

export default PointsAccount
