import { Module } from "@medusajs/framework/utils"
import BackofficeJobsModuleService from "./service"

export const BACKOFFICE_JOBS_MODULE = "backoffice_jobs"

export default Module(BACKOFFICE_JOBS_MODULE, {
  service: BackofficeJobsModuleService,
})

export { BackofficeJobsModuleService }
export * from "./runtime/registry"
export { JobsUnavailableError, jobKeyFor } from "./runtime/job-runtime"
