import { FetchError } from "@medusajs/js-sdk"
import { apiDelete, apiGet, apiPost, sdk } from "./sdk"
import { CUSTOMER_STATUS_META } from "./customers"
import type { ProfileFieldDescriptor } from "../../lib/profile-fields/fields"
import type {
  CoreCustomerDTO,
  CustomerProfileDTO,
  CustomerStatus,
  ProfileView,
  ReferralSourceDTO,
} from "../../types/customer-records"

export type { CustomerStatus, ProfileView }
export type ReferralSource = ReferralSourceDTO
export type CustomerProfile = CustomerProfileDTO
export type CoreCustomer = CoreCustomerDTO

/** Label and badge colour of each status. */
export const STATUS_META = CUSTOMER_STATUS_META

export const ORIGIN_LABELS: Record<string, string> = {
  admin: "Created by staff",
  import: "Imported",
  pos: "Point of sale",
  storefront: "Storefront registration",
  checkout: "Checkout (guest)",
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

/** A profile field as the customer card shows it ("" when not set). */
export function profileFieldText(f: ProfileFieldDescriptor, profile: CustomerProfile | null | undefined): string {
  const value = (profile as Record<string, string | null> | null | undefined)?.[f.key] ?? null
  if (!value) return ""
  if (f.kind === "date") return formatCalendarDate(value)
  if (f.kind === "choice") return f.optionLabels?.[value] ?? value
  if (f.kind === "country") {
    const name = f.key === "nationality" ? profile?.nationality_name : null
    return `${name ?? countryDisplayName(value)} (${value})`
  }
  return value
}

const regions = new Intl.DisplayNames(undefined, { type: "region" })
function countryDisplayName(code: string): string {
  try {
    return regions.of(code) ?? code
  } catch {
    return code
  }
}
