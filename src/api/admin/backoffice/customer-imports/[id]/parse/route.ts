import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { reparseImportWorkflow } from "../../../../../../workflows/customer-import/workflows"
import { actorId, loadRun, sendRun } from "../../helpers"
import type { ParseImportBodyType } from "../../validators"

/**
 * POST /admin/backoffice/customer-imports/:id/parse {encoding} — reads the
 * file again with the chosen encoding (a background job). For an import in
 * review, or one whose file could not be read (nothing written yet).
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const run = await loadRun(req, res)
  if (!run) return
  const readable = run.status === "review" || (run.status === "failed" && !run.committed_at)
  if (!readable || !run.file_id) {
    return res.status(409).json({
      type: "conflict",
      message: `The import is ${run.status}: its file can be read again only during the review or after it could not be read`,
    })
  }
  const body = (req as unknown as { validatedBody: ParseImportBodyType }).validatedBody
  await reparseImportWorkflow(req.scope).run({
    input: { run_id: run.id, encoding: body.encoding, actor_id: actorId(req) },
  })
  await sendRun(req, res, run.id, 202)
}
