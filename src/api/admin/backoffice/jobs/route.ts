import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { JOB_FIELDS, jobsService } from "./helpers"
import type { ListJobsQueryType } from "./validators"

/** GET /admin/backoffice/jobs — job history, newest first. */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const q = (req as unknown as { validatedQuery: ListJobsQueryType })
    .validatedQuery
  const filters: Record<string, unknown> = {}
  if (q.type?.length) filters.type = q.type
  if (q.status?.length) filters.status = q.status
  const [jobs, count] = await jobsService(req).listAndCountBackofficeJobs(
    filters,
    {
      select: [...JOB_FIELDS],
      skip: q.offset,
      take: q.limit,
      order: { created_at: "DESC", id: "DESC" },
    }
  )
  res.json({ jobs, count, limit: q.limit, offset: q.offset })
}
