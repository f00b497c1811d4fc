import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { CUSTOMER_LIST_MODULE } from "../../../modules/customer-list"
import type CustomerListModuleService from "../../../modules/customer-list/service"

type Pair = { customer_id: string; customer_group_id: string }

/**
 * Puts restored customers back into the categories they had when removed
 * (those that still exist), and closes their removal records.
 */
export const reattachGroupsStep = createStep(
  "cbo-reattach-customer-groups",
  async (input: { ids: string[] }, { container }) => {
    const knex: Knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
    const service: CustomerListModuleService = container.resolve(CUSTOMER_LIST_MODULE)
    const removals = await service.listCustomerRemovals(
      { customer_id: input.ids },
      { select: ["id", "customer_id", "group_ids"] }
    )
    const wanted: Pair[] = removals.flatMap((r) =>
      ((r.group_ids as unknown as string[] | null) ?? []).map((g) => ({
        customer_id: r.customer_id,
        customer_group_id: g,
      }))
    )
    let added: Pair[] = []
    if (wanted.length) {
      const groups: { id: string }[] = await knex
        .from("customer_group")
        .whereIn("id", [...new Set(wanted.map((w) => w.customer_group_id))])
        .whereNull("deleted_at")
        .select("id")
      const existingGroups = new Set(groups.map((g) => g.id))
      const current: Pair[] = await knex
        .from("customer_group_customer")
        .whereIn("customer_id", input.ids)
        .whereNull("deleted_at")
        .select("customer_id", "customer_group_id")
      const has = new Set(current.map((c) => `${c.customer_id}|${c.customer_group_id}`))
      added = wanted.filter(
        (w) =>
          existingGroups.has(w.customer_group_id) &&
          !has.has(`${w.customer_id}|${w.customer_group_id}`)
      )
      if (added.length) {
        await container.resolve(Modules.CUSTOMER).addCustomerToGroup(added)
      }
    }
    const removalIds = removals.map((r) => r.id)
    if (removalIds.length) await service.softDeleteCustomerRemovals(removalIds)
    return new StepResponse({ added: added.length }, { added, removalIds })
  },
  async (data, { container }) => {
    if (!data) return
    if (data.added.length) {
      await container.resolve(Modules.CUSTOMER).removeCustomerFromGroup(data.added)
    }
    if (data.removalIds.length) {
      const service: CustomerListModuleService = container.resolve(CUSTOMER_LIST_MODULE)
      await service.restoreCustomerRemovals(data.removalIds)
    }
  }
)
