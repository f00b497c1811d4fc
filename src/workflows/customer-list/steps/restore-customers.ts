import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import {
  ContainerRegistrationKeys,
  MedusaError,
  Modules,
} from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import {
  findRestoreConflicts,
  restoreConflictMessage,
  splitRemovedCustomers,
} from "../../../lib/customer-list/removal"

/**
 * Restores soft-deleted customers, all or none: unknown or live ids and
 * email conflicts with live customers refuse the whole batch.
 */
export const restoreCustomersStep = createStep(
  "cbo-restore-customers",
  async (input: { ids: string[] }, { container }) => {
    const knex: Knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
    const { removed, missing } = await splitRemovedCustomers(knex, input.ids)
    if (missing.length) {
      throw new MedusaError(
        MedusaError.Types.NOT_FOUND,
        `Removed customer${missing.length > 1 ? "s" : ""} not found: ${missing.join(", ")}`
      )
    }
    const conflicts = await findRestoreConflicts(knex, removed)
    if (conflicts.length) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, restoreConflictMessage(conflicts))
    }
    const customers = container.resolve(Modules.CUSTOMER)
    await customers.restoreCustomers(removed)
    return new StepResponse(removed, removed)
  },
  async (ids, { container }) => {
    if (!ids?.length) return
    await container.resolve(Modules.CUSTOMER).softDeleteCustomers(ids)
  }
)
