import { Module } from "@medusajs/framework/utils"
import BackofficeJobsModuleService from "./service"
import jobDefinitionsLoader from "./loaders/job-definitions"

export const BACKOFFICE_JOBS_MODULE = "backoffice_jobs"

export default Module(BACKOFFICE_JOBS_MODULE, {
  service: BackofficeJobsModuleService,
  // Registers the job types and schedules of the plugin's workers/ folder.
  loaders: [jobDefinitionsLoader],
})

export { BackofficeJobsModuleService }
export * from "./runtime/registry"
export { JobsUnavailableError, jobKeyFor } from "./runtime/job-runtime"
