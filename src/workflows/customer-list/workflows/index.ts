import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { deleteCustomersWorkflow, emitEventStep } from "@medusajs/medusa/core-flows"
import {
  recordCustomerRemovalsStep,
  type RecordRemovalsInput,
} from "../steps/record-removals"
import { restoreCustomersStep } from "../steps/restore-customers"
import { reattachGroupsStep } from "../steps/reattach-groups"

export const CUSTOMERS_REMOVED_EVENT = "customer_backoffice.customers.removed"
export const CUSTOMERS_RESTORED_EVENT = "customer_backoffice.customers.restored"

/**
 * Removes customers with Medusa's soft delete (orders keep their customer),
 * recording who removed them and their categories for a later restore.
 */
export const removeBackofficeCustomersWorkflow = createWorkflow(
  "cbo-remove-customers",
  (input: RecordRemovalsInput) => {
    const ids = recordCustomerRemovalsStep(input)
    const deleteInput = transform({ ids }, ({ ids }) => ({ ids }))
    deleteCustomersWorkflow.runAsStep({ input: deleteInput })
    const eventData = transform({ ids, input }, ({ ids, input }) => ({
      ids,
      removed_by: input.removed_by ?? null,
    }))
    emitEventStep({ eventName: CUSTOMERS_REMOVED_EVENT, data: eventData })
    return new WorkflowResponse(ids)
  }
)

/** Restores removed customers (all or none) and their categories. */
export const restoreBackofficeCustomersWorkflow = createWorkflow(
  "cbo-restore-customers",
  (input: { ids: string[]; restored_by?: string | null }) => {
    const ids = restoreCustomersStep({ ids: input.ids })
    const reattachInput = transform({ ids }, ({ ids }) => ({ ids }))
    const groups = reattachGroupsStep(reattachInput)
    const eventData = transform({ ids, input }, ({ ids, input }) => ({
      ids,
      restored_by: input.restored_by ?? null,
    }))
    emitEventStep({ eventName: CUSTOMERS_RESTORED_EVENT, data: eventData })
    return new WorkflowResponse({ ids, groups })
  }
)
export * from "./refresh-sales"
