import {
  createWorkflow,
  transform,
  when,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { STORES_CHANGED_EVENT } from "../../customer-categories/events"
import type { StoreChange } from "../plan"
import {
  applyStoreLinksStep,
  planDefaultStoresStep,
  prepareStoreChangesStep,
} from "../steps"

/**
 * Changes the stores (sales channels) of one or more customers: `set` for one
 * customer, `add`/`remove` in bulk. Every customer keeps at least one store;
 * if any would not, nothing changes.
 */
export const updateCustomerStoresWorkflow = createWorkflow(
  "cbo-update-customer-stores",
  (input: { changes: StoreChange[] }) => {
    const plan = prepareStoreChangesStep(input)
    when({ plan }, ({ plan }) => plan.changes.length > 0).then(() => {
      applyStoreLinksStep(plan)
      emitEventStep({
        eventName: STORES_CHANGED_EVENT,
        data: transform({ plan }, ({ plan }) => plan.changes),
      })
    })
    return new WorkflowResponse(transform({ plan }, ({ plan }) => plan.changes))
  }
)

/** Gives customers that have no store yet every store (new customers, guests from checkout). */
export const assignDefaultStoresWorkflow = createWorkflow(
  "cbo-assign-default-stores",
  (input: { customer_ids: string[] }) => {
    const plan = planDefaultStoresStep(input)
    when({ plan }, ({ plan }) => plan.changes.length > 0).then(() => {
      applyStoreLinksStep(plan)
      emitEventStep({
        eventName: STORES_CHANGED_EVENT,
        data: transform({ plan }, ({ plan }) => plan.changes),
      })
    })
    return new WorkflowResponse(transform({ plan }, ({ plan }) => plan.changes))
  }
)
