import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { checkMergeable, previewMerge } from "../../../../../../../lib/customer-merge"
import { answerRefusal, mergesOf, pgOf } from "../../../../merges/helpers"
import type { MergePreviewBodyType } from "../../../../merges/validators"

/**
 * POST /admin/backoffice/customers/:id/merge/preview { secondary_ids } —
 * what a merge into this customer would move (per secondary and table, and
 * totals) and the fields both have a value for: { preview }. Blocked merges
 * answer 409 with the reasons, bad input 400; nothing is written.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const { secondary_ids } = (req as unknown as { validatedBody: MergePreviewBodyType }).validatedBody
  const db = pgOf(req)
  try {
    await checkMergeable(db, req.params.id, secondary_ids)
  } catch (e) {
    if (answerRefusal(res, e)) return
    throw e
  }
  const preview = await previewMerge(db, req.params.id, secondary_ids, mergesOf(req).options.mergeUndoDays)
  res.json({ preview })
}
