import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { Modules } from "@medusajs/framework/utils"
import { CUSTOMER_RECORDS_MODULE, customerStatus } from "../../../../modules/customer-records"
import type CustomerRecordsModuleService from "../../../../modules/customer-records/service"
import { findProfileProblems } from "../../../../workflows/customer-records/steps/validate-profile"
import { sendInvalid } from "../../../utils/validation"
import { countryName } from "../../../../lib/validation/profile"
import type { ProfileView } from "../../../../types/customer-records"
import { PROFILE_FIELD_KEYS, STOREFRONT_PROFILE_FIELD_KEYS } from "../../../../lib/profile-fields/fields"

export const CORE_CUSTOMER_FIELDS = [
  "id",
  "email",
  "first_name",
  "last_name",
  "company_name",
  "phone",
  "has_account",
  "created_by",
  "created_at",
  "updated_at",
] as const

export const PROFILE_FIELDS = [
  "id",
  "customer_id",
  ...PROFILE_FIELD_KEYS,
  "phone_original",
  "alt_phone",
  "alt_phone_original",
  "referral_source_id",
  "photo_url",
  "email_invalid_at",
  "email_last_attempt_at",
  "origin",
  "status_override",
  "created_at",
  "updated_at",
] as const

/** Fields a customer sees of their own profile. */
export const STORE_PROFILE_FIELDS = [
  ...STOREFRONT_PROFILE_FIELD_KEYS,
  "alt_phone",
  "referral_source_id",
  "photo_url",
] as const

export function recordsService(req: MedusaRequest) {
  return req.scope.resolve<CustomerRecordsModuleService>(CUSTOMER_RECORDS_MODULE)
}

export async function loadCustomer(req: MedusaRequest, id: string) {
  const customers = req.scope.resolve(Modules.CUSTOMER)
  const [customer] = await customers.listCustomers(
    { id },
    { select: [...CORE_CUSTOMER_FIELDS] }
  )
  return customer ?? null
}

function pickFields<T extends readonly string[]>(
  source: Record<string, unknown> | null | undefined,
  fields: T
) {
  if (!source) return null
  const out: Record<string, unknown> = {}
  for (const f of fields) out[f] = source[f] ?? null
  return out
}

/** { customer, profile, status, statuses } as the admin widget shows it. */
export async function profileView(req: MedusaRequest, customerId: string): Promise<ProfileView | null> {
  const customer = await loadCustomer(req, customerId)
  if (!customer) return null
  const records = recordsService(req)
  const [profile] = await records.listCustomerProfiles({ customer_id: customerId })
  let referral: { id: string; name: string } | null = null
  if (profile?.referral_source_id) {
    const [source] = await records.listReferralSources(
      { id: profile.referral_source_id },
      { withDeleted: true }
    )
    referral = source ? { id: source.id, name: source.name } : null
  }
  const statuses = customerStatus({
    has_account: customer.has_account,
    created_by: customer.created_by,
    origin: profile?.origin ?? null,
    status_override: profile?.status_override ?? null,
  })
  const profileOut = pickFields(profile as never, PROFILE_FIELDS)
  return {
    customer: pickFields(customer as never, CORE_CUSTOMER_FIELDS) as unknown as ProfileView["customer"],
    profile: profileOut
      ? ({
          ...profileOut,
          referral_source: referral,
          nationality_name: countryName(profile?.nationality),
        } as unknown as ProfileView["profile"])
      : null,
    status: statuses[statuses.length - 1],
    statuses,
  }
}

/**
 * Database checks with field messages before a workflow runs (unknown
 * referral source → 400, customer ID number taken → 409, no customer → 404).
 * Returns true when it answered.
 */
export async function answerProfileProblems(
  req: MedusaRequest,
  res: MedusaResponse,
  input: { customer_id: string; referral_source_id?: string | null; customer_number?: string | null }
) {
  const problems = await findProfileProblems(req.scope, input)
  if (!problems.length) return false
  const notFound = problems.find((p) => p.status === 404)
  if (notFound) {
    res.status(404).json({ type: "not_found", message: notFound.message })
    return true
  }
  const conflict = problems.find((p) => p.status === 409)
  if (conflict && problems.length === 1) {
    res.status(409).json({
      type: "conflict",
      message: `${conflict.field}: ${conflict.message}`,
      errors: [{ field: conflict.field, message: conflict.message }],
    })
    return true
  }
  sendInvalid(res, problems.map((p) => ({ field: p.field, message: p.message })))
  return true
}
