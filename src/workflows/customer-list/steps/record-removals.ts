import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { CUSTOMER_LIST_MODULE } from "../../../modules/customer-list"
import type CustomerListModuleService from "../../../modules/customer-list/service"
import { splitLiveCustomers } from "../../../lib/customer-list/removal"

export type RecordRemovalsInput = { ids: string[]; removed_by?: string | null }

/**
 * Checks every customer exists and is not removed yet, and records who
 * removes them and their current categories (Medusa's soft delete detaches
 * customer groups; a restore re-attaches them from this record).
 */
export const recordCustomerRemovalsStep = createStep(
  "cbo-record-customer-removals",
  async (input: RecordRemovalsInput, { container }) => {
    const knex: Knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
    const { live, missing } = await splitLiveCustomers(knex, input.ids)
    if (missing.length) {
      throw new MedusaError(
        MedusaError.Types.NOT_FOUND,
        `Customer${missing.length > 1 ? "s" : ""} not found or already removed: ${missing.join(", ")}`
      )
    }
    const memberships: { customer_id: string; customer_group_id: string }[] = await knex
      .from("customer_group_customer")
      .whereIn("customer_id", live)
      .whereNull("deleted_at")
      .select("customer_id", "customer_group_id")
    const service: CustomerListModuleService = container.resolve(CUSTOMER_LIST_MODULE)
    const created = await service.createCustomerRemovals(
      live.map((customer_id) => ({
        customer_id,
        removed_by: input.removed_by ?? null,
        group_ids: memberships
          .filter((m) => m.customer_id === customer_id)
          .map((m) => m.customer_group_id) as unknown as Record<string, unknown>,
      }))
    )
    return new StepResponse(
      live,
      created.map((r) => r.id)
    )
  },
  async (removalIds, { container }) => {
    if (!removalIds?.length) return
    const service: CustomerListModuleService = container.resolve(CUSTOMER_LIST_MODULE)
    await service.deleteCustomerRemovals(removalIds)
  }
)
