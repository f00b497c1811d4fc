import { model } from "@medusajs/framework/utils"

/**
 * What the scan knows about one customer: the normalised values it
 * compares (lower case, accents stripped, phone digits) and their
 * fingerprint. Derived from the core customer and its addresses; rebuilt
 * by every scan that looks at the customer.
 */
export const DuplicateSubject = model
  .define("customer_duplicate_subject", {
    id: model.id({ prefix: "cdupx" }).primaryKey(),
    customer_id: model.text(),
    email_key: model.text().nullable(),
    phone_key: model.text().nullable(),
    first_key: model.text().nullable(),
    last_key: model.text().nullable(),
    /** First name with nicknames mapped to one name (Bob → robert). */
    first_canon: model.text().nullable(),
    fingerprint: model.text(),
    scan_id: model.text(),
  })
  .indexes([{ on: ["customer_id"], unique: true }, { on: ["first_key"] }, { on: ["last_key"] }])

/**
 * Blocking keys: two customers are compared only when they share a key
 * (same email, phone, postcode, email local part, or city with a similar
 * sounding surname or first name), so a scan never compares every pair.
 */
export const DuplicateBlockKey = model
  .define("customer_duplicate_block_key", {
    id: model.id({ prefix: "cdupk" }).primaryKey(),
    customer_id: model.text(),
    kind: model.text(),
    value: model.text(),
  })
  .indexes([{ on: ["kind", "value"] }, { on: ["customer_id"] }])
