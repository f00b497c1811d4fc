import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { JOB_FIELDS, jobsService } from "../helpers"

/** GET /admin/backoffice/jobs/:id */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const job = await jobsService(req).retrieveBackofficeJob(req.params.id, {
    select: [...JOB_FIELDS, "checkpoint"],
  })
  res.json({ job })
}
