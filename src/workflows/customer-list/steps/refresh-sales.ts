import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import {
  type CustomerSalesRow,
  readCustomerSales,
  recomputeCustomerSales,
  restoreCustomerSales,
} from "../../../lib/customer-list/sales"

/**
 * Recomputes the list's order columns of the given customers from their
 * orders. Compensation puts the previous rows back.
 */
export const refreshCustomerSalesStep = createStep(
  "cbo-refresh-customer-sales",
  async (input: { customer_ids: string[] }, { container }) => {
    const knex: Knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
    const previous = await readCustomerSales(knex, input.customer_ids)
    const rows = await recomputeCustomerSales(knex, input.customer_ids)
    return new StepResponse(rows, { ids: input.customer_ids, previous })
  },
  async (data: { ids: string[]; previous: CustomerSalesRow[] } | undefined, { container }) => {
    if (!data) return
    const knex: Knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
    await restoreCustomerSales(knex, data.ids, data.previous)
  }
)
