import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CUSTOMER_RECORDS_MODULE } from "../../../modules/customer-records"
import type CustomerRecordsModuleService from "../../../modules/customer-records/service"

type SourceData = { name?: string; rank?: number; active?: boolean }

const svc = (container: { resolve: (k: string) => unknown }) =>
  container.resolve(CUSTOMER_RECORDS_MODULE) as CustomerRecordsModuleService

async function assertNameFree(
  records: CustomerRecordsModuleService,
  name: string,
  exceptId?: string
) {
  const clash = (await records.listReferralSources({})).find(
    (s) => s.name.toLowerCase() === name.toLowerCase() && s.id !== exceptId
  )
  if (clash) {
    throw new MedusaError(
      MedusaError.Types.CONFLICT,
      `A choice named "${clash.name}" already exists`
    )
  }
}

export const createReferralSourceStep = createStep(
  "cbo-create-referral-source",
  async (input: Required<Pick<SourceData, "name">> & SourceData, { container }) => {
    const records = svc(container)
    await assertNameFree(records, input.name)
    // New choices go to the end of the list unless a rank is given.
    const rank =
      input.rank ??
      (await records.listReferralSources({}, { select: ["rank"] })).reduce(
        (max, s) => Math.max(max, s.rank + 1),
        0
      )
    const created = await records.createReferralSources({ ...input, rank })
    return new StepResponse(created, created.id)
  },
  async (id, { container }) => {
    if (id) await svc(container).deleteReferralSources(id)
  }
)

export const updateReferralSourceStep = createStep(
  "cbo-update-referral-source",
  async (input: { id: string } & SourceData, { container }) => {
    const records = svc(container)
    const before = await records.retrieveReferralSource(input.id)
    if (input.name !== undefined) await assertNameFree(records, input.name, input.id)
    const updated = await records.updateReferralSources(input)
    return new StepResponse(updated, {
      id: before.id,
      name: before.name,
      rank: before.rank,
      active: before.active,
    })
  },
  async (before, { container }) => {
    if (before) await svc(container).updateReferralSources(before)
  }
)

/**
 * Soft-deletes a choice and clears it from the profiles that used it;
 * compensation restores both.
 */
export const deleteReferralSourceStep = createStep(
  "cbo-delete-referral-source",
  async (input: { id: string }, { container }) => {
    const records = svc(container)
    await records.retrieveReferralSource(input.id)
    const users = await records.listCustomerProfiles(
      { referral_source_id: input.id },
      { select: ["id"] }
    )
    if (users.length) {
      await records.updateCustomerProfiles(
        users.map((p) => ({ id: p.id, referral_source_id: null }))
      )
    }
    await records.softDeleteReferralSources(input.id)
    return new StepResponse(
      { id: input.id, cleared_profiles: users.length },
      { id: input.id, profileIds: users.map((p) => p.id) }
    )
  },
  async (data, { container }) => {
    if (!data) return
    const records = svc(container)
    await records.restoreReferralSources(data.id)
    if (data.profileIds.length) {
      await records.updateCustomerProfiles(
        data.profileIds.map((id) => ({ id, referral_source_id: data.id }))
      )
    }
  }
)
