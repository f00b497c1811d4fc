/**
 * Customer records: the statuses and origins of a customer, and the answers
 * of the profile routes — shared by the API (src/api/.../customers) and the
 * admin (src/admin/lib/customer-records.ts).
 */
import type { ProfileFieldValues } from "../lib/profile-fields/fields"

export const CUSTOMER_STATUSES = ["registered", "guest", "in_store", "pending_approval"] as const
export type CustomerStatus = (typeof CUSTOMER_STATUSES)[number]

export const STATUS_LABELS: Record<CustomerStatus, string> = {
  registered: "Registered",
  guest: "Guest",
  in_store: "In-Store",
  pending_approval: "Pending Approval",
}

/** Where a profile was first written. */
export const PROFILE_ORIGINS = ["admin", "import", "pos", "storefront", "checkout"] as const
export type ProfileOrigin = (typeof PROFILE_ORIGINS)[number]

export const STATUS_OVERRIDES = ["pending_approval"] as const

export type ReferralSourceDTO = {
  id: string
  name: string
  rank: number
  active: boolean
  created_at?: string
}

/** GET /admin/backoffice/customers/:id/profile → `profile` (dates as ISO strings). */
export type CustomerProfileDTO = ProfileFieldValues & {
  id: string
  customer_id: string
  nationality_name: string | null
  phone_original: string | null
  alt_phone: string | null
  alt_phone_original: string | null
  referral_source_id: string | null
  referral_source: { id: string; name: string } | null
  photo_url: string | null
  email_invalid_at: string | null
  email_last_attempt_at: string | null
  origin: ProfileOrigin
  status_override: string | null
  created_at?: string
  updated_at?: string
}

/** The core customer's fields the profile routes answer with. */
export type CoreCustomerDTO = {
  id: string
  email: string | null
  first_name: string | null
  last_name: string | null
  company_name: string | null
  phone: string | null
  has_account: boolean
  created_by: string | null
  created_at: string
  updated_at?: string
}

/** GET/POST /admin/backoffice/customers/:id/profile (and /photo). */
export type ProfileView = {
  customer: CoreCustomerDTO
  profile: CustomerProfileDTO | null
  status: CustomerStatus
  statuses: CustomerStatus[]
}

/** The address of a customer created with "+ New customer" (country: ISO 3166-1 alpha-2, lower case). */
export type NewCustomerAddress = {
  company?: string | null
  address_1?: string | null
  address_2?: string | null
  city?: string | null
  province?: string | null
  postal_code?: string | null
  country_code?: string | null
  phone?: string | null
}

/** POST /admin/backoffice/customers — "+ New customer". */
export type AdminCreateCustomerRequest = {
  first_name?: string | null
  last_name?: string | null
  company_name?: string | null
  email?: string | null
  phone?: string | null
  address?: NewCustomerAddress | null
  /** Sales channel ids; absent or empty: every store. */
  stores?: string[]
  /** Existing categories (customer group ids). */
  categories?: string[]
  /** A category to create and add the customer to. */
  new_category?: string | null
  marketing_opt_out?: boolean
  note?: string | null
  /** Enrol in the loyalty program. */
  loyalty?: boolean
}
