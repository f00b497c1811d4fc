import { model } from "@medusajs/framework/utils"

/**
 * "Not a duplicate": an ordered pair and the data fingerprint of each side
 * when an admin dismissed it. The scan skips the pair while both
 * fingerprints are unchanged; once either customer's data changes the pair
 * can be found again.
 */
const DuplicateDismissal = model
  .define("customer_duplicate_dismissal", {
    id: model.id({ prefix: "cdupd" }).primaryKey(),
    customer_a_id: model.text(),
    customer_b_id: model.text(),
    fingerprint_a: model.text(),
    fingerprint_b: model.text(),
    /** Admin user id. */
    dismissed_by: model.text().nullable(),
  })
  .indexes([
    { on: ["customer_a_id", "customer_b_id"], unique: true, where: "deleted_at IS NULL" },
    { on: ["customer_b_id"] },
  ])

export default DuplicateDismissal
