import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { enqueueBackofficeJobWorkflow } from "../../../../../workflows/backoffice-jobs/workflows"
import { isUnavailable, sendUnavailable } from "../helpers"
import type { RunDiagnosticBodyType } from "../validators"

/** POST /admin/backoffice/jobs/diagnostics — runs the "Background jobs check". */
export async function POST(
  req: AuthenticatedMedusaRequest<RunDiagnosticBodyType>,
  res: MedusaResponse
) {
  const body = req.validatedBody
  try {
    const { result } = await enqueueBackofficeJobWorkflow(req.scope).run({
      input: {
        type: "system.diagnostic",
        payload: { ...body, nonce: `${Date.now()}-${Math.random()}` },
        created_by: req.auth_context?.actor_id ?? null,
      },
    })
    res.status(202).json({ job: result })
  } catch (e) {
    if (isUnavailable(e)) return sendUnavailable(res, (e as Error).message)
    throw e
  }
}
