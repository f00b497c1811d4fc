import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CUSTOMER_RECORDS_MODULE } from "../../../modules/customer-records"
import type CustomerRecordsModuleService from "../../../modules/customer-records/service"
import {
  applyProfileUpserts,
  revertProfileUpserts,
  type Compensation,
} from "./upsert-profiles"
import { originFor } from "../origin"

export type BouncedCustomer = {
  id: string
  has_account: boolean
  created_by: string | null
}

/**
 * Flags the email of each customer as invalid. The "invalid since" date is
 * the first bounce (kept on later bounces); the last delivery attempt is
 * always updated.
 */
export const markEmailBouncedStep = createStep(
  "cbo-mark-email-bounced",
  async (
    input: { customers: BouncedCustomer[]; attempted_at: string },
    { container }
  ) => {
    if (!input.customers.length) {
      return new StepResponse({ changes: [] as { customer_id: string; fields: string[] }[] }, undefined as Compensation | undefined)
    }
    const records: CustomerRecordsModuleService = container.resolve(
      CUSTOMER_RECORDS_MODULE
    )
    const at = new Date(input.attempted_at)
    const existing = await records.listCustomerProfiles({
      customer_id: input.customers.map((c) => c.id),
    })
    const invalidSince = new Map(
      existing.map((p) => [p.customer_id, p.email_invalid_at])
    )
    const { result, compensation } = await applyProfileUpserts(container, {
      updates: input.customers.map((c) => {
        const since = invalidSince.get(c.id)
        return {
          customer_id: c.id,
          origin_if_new: originFor(c),
          data: {
            email_invalid_at: since ? new Date(since as never) : at,
            email_last_attempt_at: at,
          },
        }
      }),
    })
    return new StepResponse({ changes: result.changes }, compensation)
  },
  async (compensation, { container }) => {
    await revertProfileUpserts(container, compensation)
  }
)
