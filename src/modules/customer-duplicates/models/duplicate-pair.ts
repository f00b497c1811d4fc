import { model } from "@medusajs/framework/utils"

export const CONFIDENCES = ["likely", "possible"] as const
export type Confidence = (typeof CONFIDENCES)[number]

/**
 * Two customers the scan found to be possibly the same person. The pair is
 * ordered (customer_a_id < customer_b_id) and unique. `fingerprint_a/b` are
 * the data fingerprints of each side when it was detected; `scan_id` is the
 * scan that last confirmed it (a scan removes what it no longer finds).
 */
const DuplicatePair = model
  .define("customer_duplicate_pair", {
    id: model.id({ prefix: "cdup" }).primaryKey(),
    customer_a_id: model.text(),
    customer_b_id: model.text(),
    /** 0..1, highest first in the review list. */
    score: model.float(),
    confidence: model.enum([...CONFIDENCES]),
    /** Reason codes, e.g. ["same_email", "name_nickname", "same_postcode"]. */
    reasons: model.json(),
    fingerprint_a: model.text(),
    fingerprint_b: model.text(),
    scan_id: model.text(),
  })
  .indexes([
    { on: ["customer_a_id", "customer_b_id"], unique: true, where: "deleted_at IS NULL" },
    { on: ["customer_b_id"] },
    { on: ["confidence", "score"] },
  ])

export default DuplicatePair
