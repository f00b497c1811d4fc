import { updateCustomersWorkflow } from "@medusajs/medusa/core-flows"
import { StepResponse } from "@medusajs/framework/workflows-sdk"
import {
  applyProfileUpserts,
  revertProfileUpserts,
  type Compensation,
  type ProfileData,
} from "../customer-records/steps/upsert-profiles"
import { customerWriteContext } from "../../lib/request-context"
import { originFor } from "../customer-records/origin"

/**
 * After a core customer update: keeps the phone as typed, and a changed
 * email clears the invalid-email flag.
 */
updateCustomersWorkflow.hooks.customersUpdated(
  async ({ customers, additional_data }, { container }) => {
    const ctx = customerWriteContext.getStore() ?? {}
    const extra = (additional_data ?? {}) as Record<string, unknown>
    const hasPhone = "phone_original" in extra || ctx.phone_original !== undefined
    const phoneOriginal =
      "phone_original" in extra
        ? (extra.phone_original as string | null)
        : ctx.phone_original
    const emailChanged = extra.email_changed === true || ctx.email_changed === true
    if (!hasPhone && !emailChanged) {
      return new StepResponse(undefined, undefined as Compensation | undefined)
    }
    const list = Array.isArray(customers) ? customers : [customers]
    const { compensation } = await applyProfileUpserts(container, {
      updates: list.map((c) => {
        const data: ProfileData = {}
        if (hasPhone) data.phone_original = c.phone ? (phoneOriginal ?? c.phone) : null
        if (emailChanged) data.email_invalid_at = null
        return { customer_id: c.id, origin_if_new: originFor(c), data }
      }),
    })
    return new StepResponse(undefined, compensation)
  },
  async (compensation: Compensation | undefined, { container }) => {
    await revertProfileUpserts(container, compensation)
  }
)
