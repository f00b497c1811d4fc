import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import {
  deleteReferralSourceWorkflow,
  updateReferralSourceWorkflow,
} from "../../../../../workflows/customer-records/workflows"
import { recordsService } from "../../customers/helpers"

async function exists(req: MedusaRequest, res: MedusaResponse) {
  const [source] = await recordsService(req).listReferralSources({ id: req.params.id })
  if (!source) {
    res.status(404).json({
      type: "not_found",
      message: `"How did you find us" choice ${req.params.id} was not found`,
    })
    return false
  }
  return true
}

/** POST /admin/backoffice/referral-sources/:id */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  if (!(await exists(req, res))) return
  const body = (req as unknown as { validatedBody: { name?: string; rank?: number; active?: boolean } }).validatedBody
  const { result } = await updateReferralSourceWorkflow(req.scope).run({
    input: { id: req.params.id, ...body },
  })
  res.json({ referral_source: result })
}

/** DELETE /admin/backoffice/referral-sources/:id — clears it from the profiles that used it. */
export async function DELETE(req: MedusaRequest, res: MedusaResponse) {
  if (!(await exists(req, res))) return
  const { result } = await deleteReferralSourceWorkflow(req.scope).run({
    input: { id: req.params.id },
  })
  res.json({ id: req.params.id, object: "referral_source", deleted: true, cleared_profiles: result.cleared_profiles })
}
