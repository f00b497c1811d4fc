import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CUSTOMER_RECORDS_MODULE } from "../../../modules/customer-records"
import type CustomerRecordsModuleService from "../../../modules/customer-records/service"
import type { ProfileOrigin } from "../../../modules/customer-records/models/customer-profile"
import { PROFILE_FIELD_KEYS } from "../../../lib/profile-fields/fields"

export const PROFILE_WRITABLE_FIELDS = [
  ...PROFILE_FIELD_KEYS,
  "phone_original",
  "alt_phone",
  "alt_phone_original",
  "referral_source_id",
  "photo_file_id",
  "photo_url",
  "email_invalid_at",
  "email_last_attempt_at",
  "origin",
  "status_override",
] as const
export type ProfileField = (typeof PROFILE_WRITABLE_FIELDS)[number]
export type ProfileData = Partial<Record<ProfileField, unknown>>

export type UpsertProfilesInput = {
  updates: {
    customer_id: string
    data: ProfileData
    /** Origin recorded when the profile row does not exist yet. */
    origin_if_new?: ProfileOrigin
  }[]
}

export type UpsertProfilesResult = {
  profiles: Record<string, unknown>[]
  changes: { customer_id: string; fields: string[] }[]
}

export type Compensation = {
  created: string[]
  previous: { id: string; data: ProfileData }[]
}

function same(a: unknown, b: unknown) {
  const norm = (v: unknown) =>
    v instanceof Date ? v.toISOString() : v === undefined ? null : v
  return norm(a) === norm(b)
}

function pick(data: ProfileData): ProfileData {
  const out: ProfileData = {}
  for (const key of PROFILE_WRITABLE_FIELDS) {
    if (key in data && data[key] !== undefined) out[key] = data[key]
  }
  return out
}

type Container = { resolve: (key: string) => unknown }

/**
 * Creates or updates customer profiles (one per customer). Records which
 * fields really changed and what to undo.
 */
export async function applyProfileUpserts(
  container: Container,
  input: UpsertProfilesInput
): Promise<{ result: UpsertProfilesResult; compensation: Compensation }> {
  const records = container.resolve(
    CUSTOMER_RECORDS_MODULE
  ) as CustomerRecordsModuleService
  const ids = [...new Set(input.updates.map((u) => u.customer_id))]
  const existing = ids.length
    ? await records.listCustomerProfiles({ customer_id: ids })
    : []
  const byCustomer = new Map<string, Record<string, unknown> & { id: string }>(
    existing.map((p) => [p.customer_id, p as never])
  )
  const compensation: Compensation = { created: [], previous: [] }
  const profiles: Record<string, unknown>[] = []
  const changes: UpsertProfilesResult["changes"] = []

  for (const update of input.updates) {
    const data = pick(update.data)
    const current = byCustomer.get(update.customer_id)
    if (!current) {
      const created = (await records.createCustomerProfiles({
        customer_id: update.customer_id,
        origin: update.origin_if_new ?? "admin",
        ...data,
      } as never)) as unknown as Record<string, unknown> & { id: string }
      compensation.created.push(created.id)
      byCustomer.set(update.customer_id, created)
      profiles.push(created)
      changes.push({
        customer_id: update.customer_id,
        fields: Object.keys(data).filter((k) => data[k as ProfileField] !== null),
      })
      continue
    }
    const changed = Object.keys(data).filter(
      (k) => !same(current[k], data[k as ProfileField])
    ) as ProfileField[]
    if (!changed.length) {
      profiles.push(current)
      continue
    }
    const previous: ProfileData = {}
    const next: ProfileData = {}
    for (const k of changed) {
      previous[k] = current[k] ?? null
      next[k] = data[k]
    }
    compensation.previous.push({ id: current.id, data: previous })
    const updated = (await records.updateCustomerProfiles({
      id: current.id,
      ...next,
    } as never)) as unknown as Record<string, unknown> & { id: string }
    byCustomer.set(update.customer_id, updated)
    profiles.push(updated)
    changes.push({ customer_id: update.customer_id, fields: changed })
  }
  return { result: { profiles, changes }, compensation }
}

export async function revertProfileUpserts(
  container: Container,
  compensation: Compensation | undefined
) {
  if (!compensation) return
  const records = container.resolve(
    CUSTOMER_RECORDS_MODULE
  ) as CustomerRecordsModuleService
  for (const p of [...compensation.previous].reverse()) {
    await records.updateCustomerProfiles({ id: p.id, ...p.data } as never)
  }
  if (compensation.created.length) {
    await records.deleteCustomerProfiles(compensation.created)
  }
}

export const upsertProfilesStep = createStep(
  "cbo-upsert-customer-profiles",
  async (input: UpsertProfilesInput, { container }) => {
    const { result, compensation } = await applyProfileUpserts(container, input)
    return new StepResponse<UpsertProfilesResult, Compensation>(
      result,
      compensation
    )
  },
  async (compensation, { container }) => {
    await revertProfileUpserts(container, compensation)
  }
)
