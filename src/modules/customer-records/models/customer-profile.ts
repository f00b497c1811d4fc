import { model } from "@medusajs/framework/utils"
import { profileFieldColumns, profileFieldIndexes } from "./profile-field-columns"

export { GENDERS } from "../../../lib/profile-fields/fields"
import { PROFILE_ORIGINS, STATUS_OVERRIDES } from "../../../types/customer-records"

export { PROFILE_ORIGINS, STATUS_OVERRIDES, type ProfileOrigin } from "../../../types/customer-records"

/**
 * The back office's extension of Medusa's core customer (1:1, keyed by
 * `customer_id`). Everything the core customer already has (name, email,
 * E.164 phone, company, account) stays on the core record.
 */
const CustomerProfile = model
  .define("customer_profile", {
    id: model.id({ prefix: "cprof" }).primaryKey(),
    customer_id: model.text(),
    /** title, gender, dates, nationality, customer ID number, gate code…: src/lib/profile-fields */
    ...profileFieldColumns(),
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
    ...profileFieldIndexes(),
    { on: ["email_invalid_at"], where: "email_invalid_at IS NOT NULL" },
    { on: ["referral_source_id"] },
  ])

export default CustomerProfile
