import { EXPIRE_POINTS_JOB } from "../../../../../workers/loyalty"
import { runJobNowRoute } from "../../jobs/helpers"

/**
 * POST /admin/backoffice/loyalty/expire — runs the points expiry now as a
 * background job (202 { job }); the daily schedule runs the same job.
 */
export const POST = runJobNowRoute(EXPIRE_POINTS_JOB)
