import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BACKOFFICE_JOBS_MODULE } from "../../../modules/backoffice-jobs"
import type BackofficeJobsModuleService from "../../../modules/backoffice-jobs/service"

/** Cancelling cannot be undone, so this step has nothing to compensate. */
export const cancelJobStep = createStep(
  "cbo-cancel-job",
  async (input: { id: string }, { container }) => {
    const jobs: BackofficeJobsModuleService = container.resolve(
      BACKOFFICE_JOBS_MODULE
    )
    return new StepResponse(await jobs.runtime.cancel(input.id))
  }
)
