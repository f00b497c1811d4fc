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

/** Two customers of a group and why they were paired. */
export type DuplicatePair = {
  customer_ids: [string, string]
  score: number
  confidence: DuplicateConfidence
  reasons: DuplicateReason[]
}

/**
 * Customers that may be one person: a pair, or the connected group of
 * several likely pairs (A ≈ B, B ≈ C). Score and confidence are the best
 * pair's; reasons are those of its pairs.
 */
export type DuplicateGroup = {
  /** The id of the group's best pair. */
  id: string
  customer_ids: string[]
  score: number
  confidence: DuplicateConfidence
  reasons: DuplicateReason[]
  detected_at: string
  customers: DuplicateCustomerSummary[]
  /** The pairs that make the group, highest score first. */
  pairs: DuplicatePair[]
}

/** A row of an import file that looks like a customer the store already has ("Already in the store?"). */
export type ImportStoreDuplicate = {
  /** The import row. */
  id: string
  row_number: number
  values: Record<string, string>
  /** Best match first. */
  matches: {
    customer: DuplicateCustomerSummary
    score: number
    confidence: DuplicateConfidence
    reasons: DuplicateReason[]
  }[]
}

export const DUPLICATES_SCAN_JOB = "customer_duplicates.scan"
