import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { randomUUID } from "crypto"
import { enqueueBackofficeJobWorkflow } from "../../../../../workflows/backoffice-jobs/workflows"
import { EXPIRE_FILES_JOB } from "../../../../../workers/customer-files"
import { actorId } from "../../../../utils/engagement"
import { isUnavailable, sendUnavailable } from "../../jobs/helpers"

/**
 * POST /admin/backoffice/customer-exports/expire-files — deletes the expired
 * export and backup files now, as a background job (202 { job }); the daily
 * schedule runs the same job.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  try {
    const { result } = await enqueueBackofficeJobWorkflow(req.scope).run({
      input: {
        type: EXPIRE_FILES_JOB,
        key: `${EXPIRE_FILES_JOB}:admin:${randomUUID()}`,
        payload: { trigger: "admin" },
        created_by: actorId(req),
      },
    })
    res.status(202).json({ job: result })
  } catch (e) {
    if (isUnavailable(e)) return sendUnavailable(res, (e as Error).message)
    throw e
  }
}
