import { model } from "@medusajs/framework/utils"

/**
 * The last seen values of a customer's core fields. Core Medusa's
 * `customer.updated` event carries only the id: comparing the customer with
 * this snapshot gives the timeline its field, old and new values.
 *
 * `pending_actor_*` is set by a middleware just before an admin or a customer
 * edits core fields through Medusa's own routes, so the change is attributed
 * to them.
 */
const CustomerSnapshot = model
  .define("timeline_customer_snapshot", {
    id: model.id({ prefix: "ctls" }).primaryKey(),
    customer_id: model.text(),
    values: model.json(),
    pending_actor_type: model.text().nullable(),
    pending_actor_id: model.text().nullable(),
    pending_at: model.dateTime().nullable(),
  })
  .indexes([{ on: ["customer_id"], unique: true, where: "deleted_at IS NULL" }])

export default CustomerSnapshot
