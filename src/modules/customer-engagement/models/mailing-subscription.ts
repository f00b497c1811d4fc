import { model } from "@medusajs/framework/utils"

import { SUBSCRIPTION_STATUSES } from "../../../types/enums"

export { SUBSCRIPTION_STATUSES, type SubscriptionStatus } from "../../../types/enums"

/**
 * A customer's subscription to the mailings of one category (a core customer
 * group). Storefront subscriptions are double opt-in: `pending` until the
 * emailed token is confirmed. Only a SHA-256 hash of the token is stored.
 */
const MailingSubscription = model
  .define("mailing_subscription", {
    id: model.id({ prefix: "msub" }).primaryKey(),
    customer_id: model.text(),
    customer_group_id: model.text(),
    status: model.enum([...SUBSCRIPTION_STATUSES]).default("pending"),
    token_hash: model.text().nullable(),
    token_expires_at: model.dateTime().nullable(),
    confirmed_at: model.dateTime().nullable(),
    unsubscribed_at: model.dateTime().nullable(),
  })
  .indexes([
    {
      on: ["customer_id", "customer_group_id"],
      unique: true,
      where: "deleted_at IS NULL",
    },
    { on: ["customer_group_id", "status"], where: "deleted_at IS NULL" },
    { on: ["token_hash"], where: "token_hash IS NOT NULL" },
  ])

export default MailingSubscription
