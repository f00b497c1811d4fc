import { model } from "@medusajs/framework/utils"

export const CONSENT_KINDS = ["opt_out", "subscription"] as const
export const CONSENT_SOURCES = ["admin", "storefront", "import", "system"] as const
export type ConsentKind = (typeof CONSENT_KINDS)[number]
export type ConsentSource = (typeof CONSENT_SOURCES)[number]

/**
 * Consent history: one row per change of the opt-out flag or of a category
 * subscription. Append-only (never updated; deleted only by GDPR forget).
 */
const ConsentEvent = model
  .define("consent_event", {
    id: model.id({ prefix: "cevt" }).primaryKey(),
    customer_id: model.text(),
    kind: model.enum([...CONSENT_KINDS]),
    /** customer_group_id for subscriptions, null for the opt-out flag */
    subject: model.text().nullable(),
    old_value: model.text().nullable(),
    new_value: model.text(),
    source: model.enum([...CONSENT_SOURCES]),
    /** admin user id (admin), customer id (storefront), job id (import) */
    actor_id: model.text().nullable(),
  })
  .indexes([{ on: ["customer_id", "created_at"] }])

export default ConsentEvent
