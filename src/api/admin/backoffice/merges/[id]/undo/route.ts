import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { undoMergeWorkflow } from "../../../../../../workflows/customer-merge/workflows"
import { actorId, answerWorkflowError, serializeMerge } from "../../helpers"

/**
 * POST /admin/backoffice/merges/:id/undo — within mergeUndoDays: every moved
 * row and ledger line goes back; what changed since stays and is listed:
 * { merge, changed_since, left_as_is, points_shortfall }.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  try {
    const { result } = await undoMergeWorkflow(req.scope).run({
      input: { merge_id: req.params.id, actor_id: actorId(req) },
    })
    res.json({ merge: serializeMerge(result.merge as Record<string, unknown>), ...result.report })
  } catch (e) {
    if (answerWorkflowError(res, e)) return
    throw e
  }
}
