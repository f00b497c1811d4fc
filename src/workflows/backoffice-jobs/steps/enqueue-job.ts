import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BACKOFFICE_JOBS_MODULE } from "../../../modules/backoffice-jobs"
import type BackofficeJobsModuleService from "../../../modules/backoffice-jobs/service"

export type EnqueueJobStepInput = {
  type: string
  payload?: Record<string, unknown>
  key?: string
  created_by?: string | null
}

export const enqueueJobStep = createStep(
  "cbo-enqueue-job",
  async (input: EnqueueJobStepInput, { container }) => {
    const jobs: BackofficeJobsModuleService = container.resolve(
      BACKOFFICE_JOBS_MODULE
    )
    const { job, created } = await jobs.runtime.enqueue(input)
    return new StepResponse(job, created ? job.id : null)
  },
  async (createdId, { container }) => {
    if (!createdId) {
      return
    }
    const jobs: BackofficeJobsModuleService = container.resolve(
      BACKOFFICE_JOBS_MODULE
    )
    await jobs.runtime.cancel(createdId)
  }
)
