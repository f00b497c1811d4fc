import {
  createStep,
  createWorkflow,
  StepResponse,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { CUSTOMER_DUPLICATES_MODULE } from "../../modules/customer-duplicates"
import type CustomerDuplicatesModuleService from "../../modules/customer-duplicates/service"

type DismissInput = { customer_ids: [string, string]; actor_id: string | null }

/** Records "Not a duplicate" for a pair; undone by removing the dismissal (the next scan finds the pair again). */
export const dismissDuplicateStep = createStep(
  "cbo-dismiss-duplicate",
  async (input: DismissInput, { container }) => {
    const svc: CustomerDuplicatesModuleService = container.resolve(CUSTOMER_DUPLICATES_MODULE)
    const res = await svc.dismiss(input.customer_ids, input.actor_id)
    return new StepResponse(res, res.customer_ids)
  },
  async (ids, { container }) => {
    if (!ids) return
    const svc: CustomerDuplicatesModuleService = container.resolve(CUSTOMER_DUPLICATES_MODULE)
    const rows = await svc.listDuplicateDismissals({ customer_a_id: ids[0], customer_b_id: ids[1] })
    if (rows.length) await svc.deleteDuplicateDismissals(rows.map((r) => r.id))
  }
)

export const dismissDuplicateWorkflow = createWorkflow(
  "cbo-dismiss-duplicate",
  (input: DismissInput) => new WorkflowResponse(dismissDuplicateStep(input))
)
