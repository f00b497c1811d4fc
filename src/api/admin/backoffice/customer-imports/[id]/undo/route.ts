import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { undoImportWorkflow } from "../../../../../../workflows/customer-import/workflows"
import { actorId, importService, loadRun, runViews } from "../../helpers"

/** POST /admin/backoffice/customer-imports/:id/undo — within importUndoDays of the commit. */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const run = await loadRun(req, res)
  if (!run) return
  const { result } = await undoImportWorkflow(req.scope).run({
    input: { run_id: run.id, actor_id: actorId(req) },
  })
  const [view] = await runViews(req, [(await importService(req.scope).retrieveImportRun(run.id)) as never])
  // what undo skipped: customers changed since the import, then categories / choices still in use
  res.json({
    import_run: view,
    skipped: [...result.skipped, ...result.skipped_labels.map((l) => ({ customer_id: null, email: null, ...l }))],
    removed_labels: result.removed_labels,
  })
}
