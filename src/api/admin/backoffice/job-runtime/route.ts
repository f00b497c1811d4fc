import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { jobsService } from "../jobs/helpers"

/**
 * GET /admin/backoffice/job-runtime — whether Redis is reachable, the
 * instance's worker mode and Redis production warnings. Always 200, so the
 * admin page can explain an outage.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const jobs = jobsService(req)
  await jobs.runtime.connect().catch(() => undefined)
  res.json({ status: jobs.status(), job_types: jobs.jobTypes() })
}
