import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { MembershipChange } from "../events"
import { managedGroupIds, MANAGED_GROUP_MESSAGE } from "../../trade-accounts/terms/managed"
import {
  assertExists,
  throwIfProblems,
  unknownIdsProblem,
} from "../validate"

export type CategoryMembersInput = { id: string; add?: string[]; remove?: string[] }

/**
 * Validates a change of a category's members and reduces it to what really
 * changes: customers already in the category are not added again, customers
 * not in it are not "removed".
 */
export const prepareCategoryMembersStep = createStep(
  "cbo-prepare-category-members",
  async (input: CategoryMembersInput, { container }) => {
    await assertExists(container, "customer_group", input.id)
    if ((await managedGroupIds(container, [input.id])).size) {
      throwIfProblems([{ field: "id", message: `This customer group ${MANAGED_GROUP_MESSAGE}` }])
    }
    const add = [...new Set(input.add ?? [])]
    const remove = [...new Set(input.remove ?? [])]
    throwIfProblems([
      ...(await unknownIdsProblem(container, "customer", add, "add")),
      ...(await unknownIdsProblem(container, "customer", remove, "remove")),
    ])
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const touched = [...new Set([...add, ...remove])]
    const { data } = touched.length
      ? await query.graph({
          entity: "customer",
          fields: ["id", "groups.id"],
          filters: { id: touched },
        })
      : { data: [] }
    const inGroup = new Set(
      (data as { id: string; groups?: { id: string }[] }[])
        .filter((c) => (c.groups ?? []).some((g) => g?.id === input.id))
        .map((c) => c.id)
    )
    const toAdd = add.filter((id) => !inGroup.has(id) && !remove.includes(id))
    const toRemove = remove.filter((id) => inGroup.has(id))
    const changes: MembershipChange[] = [
      ...toAdd.map((customer_id) => ({ customer_id, added: [input.id], removed: [] })),
      ...toRemove.map((customer_id) => ({ customer_id, added: [], removed: [input.id] })),
    ]
    return new StepResponse({ id: input.id, add: toAdd, remove: toRemove, changes })
  }
)

export type CustomerCategoriesInput = { customer_id: string; category_ids: string[] }

/** Validates "set this customer's categories" and computes what to add and remove. */
export const prepareCustomerCategoriesStep = createStep(
  "cbo-prepare-customer-categories",
  async (input: CustomerCategoriesInput, { container }) => {
    await assertExists(container, "customer", input.customer_id)
    const wanted = [...new Set(input.category_ids)]
    throwIfProblems(
      await unknownIdsProblem(container, "customer_group", wanted, "category_ids")
    )
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "customer",
      fields: ["id", "groups.id"],
      filters: { id: input.customer_id },
    })
    const groupIds = ((data[0] as { groups?: { id: string }[] })?.groups ?? [])
      .filter(Boolean)
      .map((g) => g.id)
    // Trade-terms groups are not categories: kept as they are, never chosen here.
    const managed = await managedGroupIds(container, [...groupIds, ...wanted])
    const chosenManaged = wanted.filter((id) => managed.has(id) && !groupIds.includes(id))
    throwIfProblems(
      chosenManaged.length
        ? [{ field: "category_ids", message: `${chosenManaged.join(", ")} ${MANAGED_GROUP_MESSAGE}` }]
        : []
    )
    const current = groupIds.filter((id) => !managed.has(id))
    const add = wanted.filter((id) => !current.includes(id) && !managed.has(id))
    const remove = current.filter((id) => !wanted.includes(id))
    const changes: MembershipChange[] =
      add.length || remove.length
        ? [{ customer_id: input.customer_id, added: add, removed: remove }]
        : []
    return new StepResponse({ id: input.customer_id, add, remove, changes })
  }
)
