import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { editImportRowWorkflow } from "../../../../../../../workflows/customer-import/workflows"
import { loadRun } from "../../../helpers"
import type { EditImportRowBodyType } from "../../../validators"

/** POST /admin/backoffice/customer-imports/:id/rows/:row_id — edit cells / exclude; re-validated at once. */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const run = await loadRun(req, res)
  if (!run) return
  const body = (req as unknown as { validatedBody: EditImportRowBodyType }).validatedBody
  const { result } = await editImportRowWorkflow(req.scope).run({
    input: { run_id: run.id, row_id: req.params.row_id, values: body.values, excluded: body.excluded },
  })
  res.json(result)
}
