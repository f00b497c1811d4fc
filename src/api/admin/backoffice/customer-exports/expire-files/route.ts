import { EXPIRE_FILES_JOB } from "../../../../../workers/customer-files"
import { runJobNowRoute } from "../../jobs/helpers"

/**
 * POST /admin/backoffice/customer-exports/expire-files — deletes the expired
 * export and backup files now, as a background job (202 { job }); the daily
 * schedule runs the same job.
 */
export const POST = runJobNowRoute(EXPIRE_FILES_JOB)
