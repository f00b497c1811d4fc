import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { confirmImportWorkflow } from "../../../../../../workflows/customer-import/workflows"
import { actorId, loadRun, sendRun } from "../../helpers"
import type { ConfirmImportBodyType } from "../../validators"

/** POST /admin/backoffice/customer-imports/:id/confirm {backup?} — starts the commit job. */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const run = await loadRun(req, res)
  if (!run) return
  if (run.status !== "review") {
    return res.status(409).json({ type: "conflict", message: `The import is ${run.status}: only an import in review can be confirmed` })
  }
  const body = (req as unknown as { validatedBody: ConfirmImportBodyType }).validatedBody
  await confirmImportWorkflow(req.scope).run({
    input: { run_id: run.id, backup: body.backup, actor_id: actorId(req) },
  })
  await sendRun(req, res, run.id)
}
