import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { checkFieldChoices, checkMergeable } from "../../../../../../lib/customer-merge"
import { mergeCustomersWorkflow } from "../../../../../../workflows/customer-merge/workflows"
import { actorId, answerRefusal, answerWorkflowError, pgOf, serializeMerge } from "../../../merges/helpers"
import type { MergeBodyType } from "../../../merges/validators"

/**
 * POST /admin/backoffice/customers/:id/merge { secondary_ids, fields? } —
 * merges the secondaries into this customer: { merge }. `fields` picks, per
 * field both have a value for, the customer whose value is kept (default:
 * this one's). Refused with 400/404/409 and a reason; nothing changes then.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const { secondary_ids, fields } = (req as unknown as { validatedBody: MergeBodyType }).validatedBody
  try {
    await checkMergeable(pgOf(req), req.params.id, secondary_ids)
    checkFieldChoices(fields ?? {}, [req.params.id, ...secondary_ids])
  } catch (e) {
    if (answerRefusal(res, e)) return
    throw e
  }
  try {
    const { result } = await mergeCustomersWorkflow(req.scope).run({
      input: { primary_id: req.params.id, secondary_ids, fields: fields ?? {}, actor_id: actorId(req) },
    })
    res.json({ merge: serializeMerge(result as Record<string, unknown>) })
  } catch (e) {
    if (answerWorkflowError(res, e)) return
    throw e
  }
}
