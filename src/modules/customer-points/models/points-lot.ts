import { model } from "@medusajs/framework/utils"

/**
 * Points earned or added together, valid until `expires_at`. Debits take from
 * the soonest-expiring lots first; the expiry job empties lots past their date.
 */
const PointsLot = model
  .define("points_lot", {
    id: model.id({ prefix: "ptslot" }).primaryKey(),
    account_id: model.text(),
    customer_id: model.text(),
    /** The credit entry that created the lot. */
    entry_id: model.text(),
    points: model.number(),
    remaining: model.number(),
    earned_at: model.dateTime(),
    expires_at: model.dateTime(),
    expired_at: model.dateTime().nullable(),
  })
  .indexes([
    { on: ["account_id", "expires_at", "id"], where: "remaining > 0" },
    { on: ["expires_at", "id"], where: "remaining > 0" },
  ])

export default PointsLot
