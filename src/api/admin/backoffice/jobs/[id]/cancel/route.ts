import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { cancelBackofficeJobWorkflow } from "../../../../../../workflows/backoffice-jobs/workflows"
import { isUnavailable, sendUnavailable, toHttpError } from "../../helpers"

/**
 * POST /admin/backoffice/jobs/:id/cancel
 *
 * A queued or running job is cancelled (200). A job that already completed or
 * failed cannot be cancelled: 409, and the job is left as it is. Cancelling a
 * job that is already cancelled answers 200 with the job (a repeated click).
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  let job: { id: string; status: string }
  try {
    const { result } = await cancelBackofficeJobWorkflow(req.scope).run({
      input: { id: req.params.id },
    })
    job = result
  } catch (e) {
    if (isUnavailable(e)) return sendUnavailable(res, (e as Error).message)
    throw toHttpError(e)
  }
  // The runtime leaves a finished job untouched; this also covers a job that
  // finished while the request was on its way.
  if (job.status === "completed" || job.status === "failed") {
    return res.status(409).json({
      type: "conflict",
      message: `The job has already ${job.status === "completed" ? "completed" : "failed"}: only a queued or running job can be cancelled`,
      job,
    })
  }
  res.json({ job })
}
