import { createCustomersWorkflow } from "@medusajs/medusa/core-flows"
import { StepResponse } from "@medusajs/framework/workflows-sdk"
import {
  applyProfileUpserts,
  revertProfileUpserts,
  type Compensation,
} from "../customer-records/steps/upsert-profiles"
import { customerWriteContext } from "../../lib/request-context"
import { originFor } from "../customer-records/origin"
import { PROFILE_ORIGINS, type ProfileOrigin } from "../../modules/customer-records/models/customer-profile"

/**
 * Every customer created through Medusa's createCustomersWorkflow (admin,
 * storefront registration, imports) gets a profile row: origin "admin" when
 * staff created it, "storefront" for a registration; the phone as typed is
 * kept next to the core E.164 phone.
 */
createCustomersWorkflow.hooks.customersCreated(
  async ({ customers, additional_data }, { container }) => {
    const ctx = customerWriteContext.getStore() ?? {}
    const extra = (additional_data ?? {}) as Record<string, unknown>
    const single = customers.length === 1
    const requested = extra.origin ?? ctx.origin
    const { compensation } = await applyProfileUpserts(container, {
      updates: customers.map((c) => {
        const origin: ProfileOrigin =
          typeof requested === "string" &&
          (PROFILE_ORIGINS as readonly string[]).includes(requested)
            ? (requested as ProfileOrigin)
            : originFor(c)
        const phoneOriginal =
          single && "phone_original" in extra
            ? (extra.phone_original as string | null)
            : single && ctx.phone_original !== undefined
              ? ctx.phone_original
              : (c.phone ?? null)
        return {
          customer_id: c.id,
          origin_if_new: origin,
          data: { phone_original: phoneOriginal },
        }
      }),
    })
    return new StepResponse(undefined, compensation)
  },
  async (compensation: Compensation | undefined, { container }) => {
    await revertProfileUpserts(container, compensation)
  }
)
