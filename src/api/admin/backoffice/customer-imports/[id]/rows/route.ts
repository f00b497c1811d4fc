import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { listRows } from "../../../../../../lib/customer-import/pipeline"
import { importKnex, loadRun } from "../../helpers"
import type { ListImportRowsQueryType } from "../../validators"

/** GET /admin/backoffice/customer-imports/:id/rows?filter&limit&offset */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const run = await loadRun(req, res)
  if (!run) return
  const q = (req as unknown as { validatedQuery: ListImportRowsQueryType }).validatedQuery
  const { rows, count } = await listRows(importKnex(req.scope), run.id, q)
  res.json({ rows, count, limit: q.limit, offset: q.offset })
}
