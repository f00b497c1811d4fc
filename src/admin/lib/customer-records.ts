import { FetchError } from "@medusajs/js-sdk"
import { apiDelete, apiGet, apiPost, sdk } from "./sdk"

export type CustomerStatus = "registered" | "guest" | "in_store" | "pending_approval"

export const STATUS_META: Record<CustomerStatus, { label: string; color: "green" | "grey" | "blue" | "orange" }> = {
  registered: { label: "Registered", color: "green" },
  guest: { label: "Guest", color: "grey" },
  in_store: { label: "In-Store", color: "blue" },
  pending_approval: { label: "Pending Approval", color: "orange" },
}

export const GENDER_LABELS: Record<string, string> = {
  female: "Female",
  male: "Male",
  other: "Other",
  unspecified: "Prefer not to say",
}

export const ORIGIN_LABELS: Record<string, string> = {
  admin: "Created by staff",
  import: "Imported",
  pos: "Point of sale",
  storefront: "Storefront registration",
  checkout: "Checkout (guest)",
}

export type ReferralSource = {
  id: string
  name: string
  rank: number
  active: boolean
  created_at?: string
}

export type CustomerProfile = {
  id: string
  customer_id: string
  title: string | null
  gender: string | null
  date_of_birth: string | null
  anniversary: string | null
  nationality: string | null
  nationality_name: string | null
  gate_code: string | null
  customer_number: string | null
  phone_original: string | null
  alt_phone: string | null
  alt_phone_original: string | null
  referral_source_id: string | null
  referral_source: { id: string; name: string } | null
  photo_url: string | null
  email_invalid_at: string | null
  email_last_attempt_at: string | null
  origin: string
  status_override: string | null
}

export type CoreCustomer = {
  id: string
  email: string | null
  first_name: string | null
  last_name: string | null
  company_name: string | null
  phone: string | null
  has_account: boolean
  created_by: string | null
  created_at: string
}

export type ProfileView = {
  customer: CoreCustomer
  profile: CustomerProfile | null
  status: CustomerStatus
  statuses: CustomerStatus[]
}

export const profileKeys = {
  profile: (id: string) => ["cbo-customer-profile", id] as const,
  referralSources: ["cbo-referral-sources"] as const,
}

export const customerRecordsApi = {
  profile: (id: string) => apiGet<ProfileView>(`/admin/backoffice/customers/${id}/profile`),
  updateProfile: (id: string, body: Record<string, unknown>) =>
    apiPost<ProfileView>(`/admin/backoffice/customers/${id}/profile`, body),
  uploadPhoto: (id: string, file: File) => {
    const form = new FormData()
    form.append("file", file)
    return sdk.client.fetch<ProfileView>(`/admin/backoffice/customers/${id}/photo`, {
      method: "POST",
      body: form,
      headers: { "content-type": null } as unknown as Record<string, string>,
    })
  },
  removePhoto: (id: string) => apiDelete<ProfileView>(`/admin/backoffice/customers/${id}/photo`),
  passwordReset: (id: string) =>
    apiPost<{ sent: boolean; email: string }>(`/admin/backoffice/customers/${id}/password-reset`),
  referralSources: () =>
    apiGet<{ referral_sources: ReferralSource[] }>("/admin/backoffice/referral-sources"),
  createReferralSource: (body: { name: string; rank?: number; active?: boolean }) =>
    apiPost<{ referral_source: ReferralSource }>("/admin/backoffice/referral-sources", body),
  updateReferralSource: (id: string, body: { name?: string; rank?: number; active?: boolean }) =>
    apiPost<{ referral_source: ReferralSource }>(`/admin/backoffice/referral-sources/${id}`, body),
  deleteReferralSource: (id: string) =>
    apiDelete<{ cleared_profiles: number }>(`/admin/backoffice/referral-sources/${id}`),
}

/**
 * The API answers 400/409 with "field: message; field: message". Splits it
 * back into per-field messages for the form.
 */
export function fieldMessages(error: unknown): Record<string, string> {
  if (!(error instanceof FetchError) || !error.message) return {}
  const out: Record<string, string> = {}
  for (const part of error.message.split("; ")) {
    const i = part.indexOf(": ")
    if (i > 0 && /^[a-z_.]+$/.test(part.slice(0, i))) out[part.slice(0, i)] = part.slice(i + 2)
  }
  return out
}

/** A calendar date stored at 00:00 UTC → "14 Jul 1985" (never shifted by the time zone). */
export function formatCalendarDate(value: string | null | undefined): string {
  if (!value) return ""
  const d = new Date(value)
  if (Number.isNaN(d.getTime())) return ""
  return new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeZone: "UTC" }).format(d)
}

export function toDateInput(value: string | null | undefined): string {
  return value ? value.slice(0, 10) : ""
}

export function initials(c: Pick<CoreCustomer, "first_name" | "last_name" | "email">): string {
  const a = (c.first_name ?? "").trim()[0] ?? ""
  const b = (c.last_name ?? "").trim()[0] ?? ""
  return (a + b || (c.email ?? "?")[0]).toUpperCase()
}
