import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { cancelBackofficeJobWorkflow } from "../../../../../../workflows/backoffice-jobs/workflows"
import { isUnavailable, sendUnavailable, toHttpError } from "../../helpers"

/** POST /admin/backoffice/jobs/:id/cancel */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  try {
    const { result } = await cancelBackofficeJobWorkflow(req.scope).run({
      input: { id: req.params.id },
    })
    res.json({ job: result })
  } catch (e) {
    if (isUnavailable(e)) return sendUnavailable(res, (e as Error).message)
    throw toHttpError(e)
  }
}
