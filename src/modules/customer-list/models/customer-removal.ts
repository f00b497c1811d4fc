import { model } from "@medusajs/framework/utils"

/**
 * Who removed a customer, when, and which categories (customer groups) the
 * customer belonged to at that moment. Medusa's soft delete detaches a
 * customer's groups; a restore puts them back from this record. The record
 * is deleted when the customer is restored.
 */
const CustomerRemoval = model
  .define("customer_removal", {
    id: model.id({ prefix: "cusrm" }).primaryKey(),
    customer_id: model.text(),
    /** Admin user id, null when removed by the system. */
    removed_by: model.text().nullable(),
    /** Customer group ids the customer belonged to when removed. */
    group_ids: model.json().nullable(),
  })
  .indexes([
    {
      on: ["customer_id"],
      unique: true,
      where: "deleted_at IS NULL",
    },
  ])

export default CustomerRemoval
