import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { randomUUID } from "crypto"
import { enqueueBackofficeJobWorkflow } from "../../../../../workflows/backoffice-jobs/workflows"
import { actorId, body } from "../../../../utils/engagement"
import { JOB_FIELDS, isUnavailable, jobsService, sendUnavailable } from "../../jobs/helpers"
import { DUPLICATES_SCAN_JOB } from "../../../../../types/duplicates"
import type { ScanDuplicatesBodyType } from "../validators"

/**
 * POST /admin/backoffice/duplicates/scan — runs the duplicate scan as a
 * background job: 202 { job }. One scan at a time: while a scan is queued
 * or running, answers 202 with that job.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const { mode } = body<ScanDuplicatesBodyType>(req)
  const [running] = await jobsService(req).listBackofficeJobs(
    { type: DUPLICATES_SCAN_JOB, status: ["queued", "active", "retrying"] },
    { select: [...JOB_FIELDS], take: 1, order: { created_at: "DESC" } }
  )
  if (running) {
    return res.status(202).json({ job: running, already_running: true })
  }
  try {
    const { result } = await enqueueBackofficeJobWorkflow(req.scope).run({
      input: {
        type: DUPLICATES_SCAN_JOB,
        key: `${DUPLICATES_SCAN_JOB}:admin:${randomUUID()}`,
        payload: { trigger: "admin", ...(mode ? { mode } : {}) },
        created_by: actorId(req),
      },
    })
    res.status(202).json({ job: result })
  } catch (e) {
    if (isUnavailable(e)) return sendUnavailable(res, (e as Error).message)
    throw e
  }
}
