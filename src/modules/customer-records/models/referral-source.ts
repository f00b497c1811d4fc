import { model } from "@medusajs/framework/utils"

/** A "How did you find us?" choice, managed by the merchant. */
const ReferralSource = model
  .define("referral_source", {
    id: model.id({ prefix: "refsrc" }).primaryKey(),
    name: model.text(),
    rank: model.number().default(0),
    active: model.boolean().default(true),
  })
  .indexes([{ on: ["name"], unique: true, where: "deleted_at IS NULL" }])

export default ReferralSource
