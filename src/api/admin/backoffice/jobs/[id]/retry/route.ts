import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { retryBackofficeJobWorkflow } from "../../../../../../workflows/backoffice-jobs/workflows"
import { isUnavailable, sendUnavailable, toHttpError } from "../../helpers"

/** POST /admin/backoffice/jobs/:id/retry — a failed or cancelled job runs again. */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  try {
    const { result } = await retryBackofficeJobWorkflow(req.scope).run({
      input: { id: req.params.id },
    })
    res.json({ job: result })
  } catch (e) {
    if (isUnavailable(e)) return sendUnavailable(res, (e as Error).message)
    throw toHttpError(e)
  }
}
