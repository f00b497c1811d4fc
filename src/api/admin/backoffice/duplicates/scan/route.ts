import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { randomUUID } from "crypto"
import { enqueueBackofficeJobWorkflow } from "../../../../../workflows/backoffice-jobs/workflows"
import { actorId, body } from "../../../../utils/engagement"
import { isUnavailable, sendUnavailable } from "../../jobs/helpers"
import { DUPLICATES_SCAN_JOB } from "../../../../../types/duplicates"
import type { ScanDuplicatesBodyType } from "../validators"

/** POST /admin/backoffice/duplicates/scan — runs the duplicate scan as a background job: 202 { job }. */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const { mode } = body<ScanDuplicatesBodyType>(req)
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
