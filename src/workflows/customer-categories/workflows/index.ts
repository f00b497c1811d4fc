import {
  createWorkflow,
  transform,
  when,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import {
  createCustomerGroupsWorkflow,
  deleteCustomerGroupsWorkflow,
  emitEventStep,
  linkCustomerGroupsToCustomerWorkflow,
  linkCustomersToCustomerGroupWorkflow,
  updateCustomerGroupsWorkflow,
} from "@medusajs/medusa/core-flows"
import {
  softDeleteCategoryDetailsStep,
  upsertCategoryDetailStep,
} from "../steps/category-detail"
import {
  type CategoryMembersInput,
  type CustomerCategoriesInput,
  prepareCategoryMembersStep,
  prepareCustomerCategoriesStep,
} from "../steps/membership"
import { CATEGORIES_CHANGED_EVENT } from "../events"

export type CreateCustomerCategoryInput = {
  name: string
  description?: string | null
  created_by?: string | null
}

/** A category is a core customer group plus its detail; both or neither are created. */
export const createCustomerCategoryWorkflow = createWorkflow(
  "cbo-create-customer-category",
  (input: CreateCustomerCategoryInput) => {
    const groupData = transform({ input }, ({ input }) => ({
      customersData: [{ name: input.name, created_by: input.created_by ?? undefined }],
    }))
    const groups = createCustomerGroupsWorkflow.runAsStep({ input: groupData })
    const detailInput = transform({ input, groups }, ({ input, groups }) => ({
      customer_group_id: groups[0].id,
      description: input.description ?? null,
    }))
    upsertCategoryDetailStep(detailInput)
    const id = transform({ groups }, ({ groups }) => groups[0].id)
    return new WorkflowResponse({ id })
  }
)

export type UpdateCustomerCategoryInput = {
  id: string
  name?: string
  description?: string | null
}

/** Renames the group and/or changes the description. */
export const updateCustomerCategoryWorkflow = createWorkflow(
  "cbo-update-customer-category",
  (input: UpdateCustomerCategoryInput) => {
    when({ input }, ({ input }) => input.name !== undefined).then(() => {
      const update = transform({ input }, ({ input }) => ({
        selector: { id: input.id },
        update: { name: input.name },
      }))
      updateCustomerGroupsWorkflow.runAsStep({ input: update })
    })
    const detailInput = transform({ input }, ({ input }) => ({
      customer_group_id: input.id,
      description: input.description,
    }))
    upsertCategoryDetailStep(detailInput)
    const id = transform({ input }, ({ input }) => input.id)
    return new WorkflowResponse({ id })
  }
)

/**
 * Deletes categories with Medusa's own customer-group deletion, so price
 * lists and promotions keep their rules for the remaining groups.
 */
export const deleteCustomerCategoriesWorkflow = createWorkflow(
  "cbo-delete-customer-categories",
  (input: { ids: string[] }) => {
    const ids = transform({ input }, ({ input }) => input.ids)
    softDeleteCategoryDetailsStep(ids)
    deleteCustomerGroupsWorkflow.runAsStep({ input: { ids } })
    return new WorkflowResponse({ ids })
  }
)

/** Adds customers to / removes customers from one category (single and bulk assign). */
export const manageCategoryCustomersWorkflow = createWorkflow(
  "cbo-manage-category-customers",
  (input: CategoryMembersInput) => {
    const plan = prepareCategoryMembersStep(input)
    when({ plan }, ({ plan }) => plan.add.length + plan.remove.length > 0).then(() => {
      const link = transform({ plan }, ({ plan }) => ({
        id: plan.id,
        add: plan.add,
        remove: plan.remove,
      }))
      linkCustomersToCustomerGroupWorkflow.runAsStep({ input: link })
      emitEventStep({
        eventName: CATEGORIES_CHANGED_EVENT,
        data: transform({ plan }, ({ plan }) => plan.changes),
      })
    })
    const result = transform({ plan }, ({ plan }) => ({
      id: plan.id,
      added: plan.add,
      removed: plan.remove,
    }))
    return new WorkflowResponse(result)
  }
)

/** Sets the categories of one customer. */
export const setCustomerCategoriesWorkflow = createWorkflow(
  "cbo-set-customer-categories",
  (input: CustomerCategoriesInput) => {
    const plan = prepareCustomerCategoriesStep(input)
    when({ plan }, ({ plan }) => plan.add.length + plan.remove.length > 0).then(() => {
      const link = transform({ plan }, ({ plan }) => ({
        id: plan.id,
        add: plan.add,
        remove: plan.remove,
      }))
      linkCustomerGroupsToCustomerWorkflow.runAsStep({ input: link })
      emitEventStep({
        eventName: CATEGORIES_CHANGED_EVENT,
        data: transform({ plan }, ({ plan }) => plan.changes),
      })
    })
    const result = transform({ plan }, ({ plan }) => ({
      customer_id: plan.id,
      added: plan.add,
      removed: plan.remove,
    }))
    return new WorkflowResponse(result)
  }
)
