/** Duplicate detection: shared by the API, the scan job and the admin. */

export type DuplicateConfidence = "likely" | "possible"

/** Why two customers may be one person, as the review list shows it. */
export const DUPLICATE_REASON_LABELS: Record<string, string> = {
  same_email: "same email",
  same_phone: "same phone",
  name_exact: "same name",
  name_nickname: "name ≈ (nickname)",
  name_swapped: "name ≈ (first and last swapped)",
  name_typo: "name ≈",
  same_surname_postcode: "same surname + postcode",
  same_postcode: "same postcode",
  same_email_local: "same email name",
  same_city: "same town",
}

export type DuplicateReason = { code: string; label: string }

export type DuplicateCustomerSummary = {
  id: string
  first_name: string | null
  last_name: string | null
  email: string | null
  phone: string | null
  has_account: boolean
}

export type DuplicateGroup = {
  /** The pair's id: a group is two customers in this version. */
  id: string
  customer_ids: string[]
  score: number
  confidence: DuplicateConfidence
  reasons: DuplicateReason[]
  detected_at: string
  customers: DuplicateCustomerSummary[]
}

export const DUPLICATES_SCAN_JOB = "customer_duplicates.scan"
