import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { updateImportMappingWorkflow } from "../../../../../../workflows/customer-import/workflows"
import { actorId, loadRun, sendRun } from "../../helpers"
import type { ImportMappingBodyType } from "../../validators"

/** POST /admin/backoffice/customer-imports/:id/mapping — re-validates every row (a background job). */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const run = await loadRun(req, res)
  if (!run) return
  const body = (req as unknown as { validatedBody: ImportMappingBodyType }).validatedBody
  await updateImportMappingWorkflow(req.scope).run({
    input: { run_id: run.id, mapping: body.mapping, actor_id: actorId(req) },
  })
  await sendRun(req, res, run.id)
}
