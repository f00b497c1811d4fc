import {
  createWorkflow,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { enqueueJobStep, type EnqueueJobStepInput } from "../steps/enqueue-job"
import { cancelJobStep } from "../steps/cancel-job"
import { retryJobStep } from "../steps/retry-job"

/** Puts a background job on its queue (once per key). */
export const enqueueBackofficeJobWorkflow = createWorkflow(
  "cbo-enqueue-backoffice-job",
  (input: EnqueueJobStepInput) => {
    return new WorkflowResponse(enqueueJobStep(input))
  }
)

export const cancelBackofficeJobWorkflow = createWorkflow(
  "cbo-cancel-backoffice-job",
  (input: { id: string }) => {
    return new WorkflowResponse(cancelJobStep(input))
  }
)

export const retryBackofficeJobWorkflow = createWorkflow(
  "cbo-retry-backoffice-job",
  (input: { id: string }) => {
    return new WorkflowResponse(retryJobStep(input))
  }
)
