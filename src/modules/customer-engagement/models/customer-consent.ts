import { model } from "@medusajs/framework/utils"

/** Marketing consent of one customer: `marketing_opt_out` = does NOT want email marketing. */
const CustomerConsent = model
  .define("customer_consent", {
    id: model.id({ prefix: "ccons" }).primaryKey(),
    customer_id: model.text(),
    marketing_opt_out: model.boolean().default(false),
  })
  .indexes([{ on: ["customer_id"], unique: true, where: "deleted_at IS NULL" }])

export default CustomerConsent
