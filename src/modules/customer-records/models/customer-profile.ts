import { model } from "@medusajs/framework/utils"

export const GENDERS = ["female", "male", "other", "unspecified"] as const
export const PROFILE_ORIGINS = [
  "admin",
  "import",
  "pos",
  "storefront",
  "checkout",
] as const
export type ProfileOrigin = (typeof PROFILE_ORIGINS)[number]
export const STATUS_OVERRIDES = ["pending_approval"] as const

/**
 * The back office's extension of Medusa's core customer (1:1, keyed by
 * `customer_id`). Everything the core customer already has (name, email,
 * E.164 phone, company, account) stays on the core record.
 */
const CustomerProfile = model
  .define("customer_profile", {
    id: model.id({ prefix: "cprof" }).primaryKey(),
    customer_id: model.text(),
    title: model.text().nullable(),
    gender: model.enum([...GENDERS]).nullable(),
    /** A calendar date, stored at 00:00 UTC. */
    date_of_birth: model.dateTime().nullable(),
    /** First visit, set by staff; a calendar date at 00:00 UTC. */
    anniversary: model.dateTime().nullable(),
    /** ISO 3166-1 alpha-2, upper case. */
    nationality: model.text().nullable(),
    gate_code: model.text().nullable(),
    /** The merchant's own customer ID number; unique when set. */
    customer_number: model.text().nullable(),
    /** The core customer's phone as typed (the core `phone` holds E.164). */
    phone_original: model.text().nullable(),
    alt_phone: model.text().nullable(),
    alt_phone_original: model.text().nullable(),
    referral_source_id: model.text().nullable(),
    photo_file_id: model.text().nullable(),
    photo_url: model.text().nullable(),
    email_invalid_at: model.dateTime().nullable(),
    email_last_attempt_at: model.dateTime().nullable(),
    origin: model.enum([...PROFILE_ORIGINS]).default("admin"),
    /** Only what cannot be derived: a trade application awaiting approval. */
    status_override: model.enum([...STATUS_OVERRIDES]).nullable(),
  })
  .indexes([
    { on: ["customer_id"], unique: true, where: "deleted_at IS NULL" },
    {
      on: ["customer_number"],
      unique: true,
      where: "customer_number IS NOT NULL AND deleted_at IS NULL",
    },
    { on: ["email_invalid_at"], where: "email_invalid_at IS NOT NULL" },
    { on: ["referral_source_id"] },
  ])

export default CustomerProfile
