import { model } from "@medusajs/framework/utils"

/** A customer allowed to charge a house account (one account, several customers). */
const HouseAccountCustomer = model
  .define("house_account_customer", {
    id: model.id({ prefix: "haccus" }).primaryKey(),
    account_id: model.text(),
    customer_id: model.text(),
  })
  .indexes([
    { on: ["account_id", "customer_id"], unique: true },
    { on: ["customer_id"] },
  ])

export default HouseAccountCustomer
