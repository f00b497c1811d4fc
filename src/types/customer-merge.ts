/** Customer merge: shared by the API and the admin. */

/** Most secondaries one merge takes (a bigger batch is refused with 400). */
export const MERGE_MAX_SECONDARIES = 10

/** Core customer fields offered as a choice when both customers have a value. */
export const CUSTOMER_FIELDS = ["first_name", "last_name", "phone", "company_name"] as const

/** Profile fields (customer_profile) offered as a choice; the rest of the profile fills blanks only. */
export const PROFILE_FIELDS = [
  "title",
  "gender",
  "date_of_birth",
  "anniversary",
  "nationality",
  "gate_code",
  "phone_original",
  "alt_phone",
  "alt_phone_original",
  "referral_source_id",
  "photo_file_id",
  "photo_url",
] as const

/** Fields a merge can choose: the core and profile fields, and the trade account type/terms. */
export const MERGE_FIELDS = [...CUSTOMER_FIELDS, ...PROFILE_FIELDS, "account_type"] as const
export type MergeField = (typeof MERGE_FIELDS)[number]

/** field → id of the customer (primary or one of the secondaries) whose value is kept. */
export type MergeFieldChoices = Partial<Record<string, string>>

export type MergeConflict = {
  field: MergeField
  /** customer id → its value */
  values: Record<string, unknown>
  /** The customer whose value is kept unless chosen otherwise (the primary). */
  default: string
}

export type MergeTableCount = { table: string; rows: number; does: string }

export type MergeSecondaryPreview = {
  id: string
  email: string | null
  first_name: string | null
  last_name: string | null
  tables: MergeTableCount[]
}

export type MergePreview = {
  primary_id: string
  secondaries: MergeSecondaryPreview[]
  /** The figures the admin shows, summed over the secondaries. */
  totals: {
    orders: number
    carts: number
    addresses: number
    addresses_deduplicated: number
    notes: number
    categories: number
    stores: number
    timeline: number
    points: number
    house_accounts: number
    trade_applications: number
    consent_opt_out: boolean
    /** "disabled" when some secondary's login is disabled, "moves" when one moves to the primary (which has none). */
    login: "none" | "moves" | "disabled"
    /** Which secondary's login moves to the primary, and whose are disabled. */
    logins: { moves: string | null; disabled: string[] }
  }
  conflicts: MergeConflict[]
  undo_days: number
}

export type MergeRecord = {
  id: string
  primary_id: string
  secondary_ids: string[]
  status: "running" | "completed" | "undone"
  fields: MergeFieldChoices | null
  summary: Record<string, unknown> | null
  merged_by: string | null
  /** "staff": merged by hand; "invitation" / "email_verification": joined automatically when the shopper registered and proved the email (invitation link, or Medusa's email verification). */
  source: "staff" | "invitation" | "email_verification"
  created_at: string
  undo_until: string
  undone_at: string | null
  can_undo: boolean
}

export const MERGED_EVENT = "customer_backoffice.customer.merged"
export const MERGE_UNDONE_EVENT = "customer_backoffice.customer.merge_undone"

/** Notification template of the e-mail to a customer whose login a merge disabled (both customers had one). */
export const MERGE_LOGIN_DISABLED_TEMPLATE = "customer-backoffice-merge-login-disabled"
