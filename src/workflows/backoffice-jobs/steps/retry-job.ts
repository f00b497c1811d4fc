import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BACKOFFICE_JOBS_MODULE } from "../../../modules/backoffice-jobs"
import type BackofficeJobsModuleService from "../../../modules/backoffice-jobs/service"

export const retryJobStep = createStep(
  "cbo-retry-job",
  async (input: { id: string }, { container }) => {
    const jobs: BackofficeJobsModuleService = container.resolve(
      BACKOFFICE_JOBS_MODULE
    )
    const job = await jobs.runtime.retry(input.id)
    return new StepResponse(job, job.id)
  },
  async (id, { container }) => {
    if (!id) {
      return
    }
    const jobs: BackofficeJobsModuleService = container.resolve(
      BACKOFFICE_JOBS_MODULE
    )
    await jobs.runtime.cancel(id)
  }
)
