import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { setImportLabelMapWorkflow } from "../../../../../../workflows/customer-import/workflows"
import { loadRun, sendRun } from "../../helpers"
import type { ImportLabelMapBodyType } from "../../validators"

/**
 * POST /admin/backoffice/customer-imports/:id/new-labels
 * {new_categories?: [{name, map_to}], new_referral_sources?: [{name, map_to}]} — where a new
 * category / choice of the review lands: map_to names an existing one (a typo) or a new name
 * (a rename); null keeps the file's name. Rows using it are evaluated again.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const run = await loadRun(req, res)
  if (!run) return
  const body = (req as unknown as { validatedBody: ImportLabelMapBodyType }).validatedBody
  await setImportLabelMapWorkflow(req.scope).run({
    input: {
      run_id: run.id,
      new_categories: body.new_categories?.map((c) => ({ name: c.name, map_to: c.map_to || null })),
      new_referral_sources: body.new_referral_sources?.map((c) => ({ name: c.name, map_to: c.map_to || null })),
    },
  })
  await sendRun(req, res, run.id)
}
