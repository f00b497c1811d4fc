import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { listRows } from "../../../../../../lib/customer-import/pipeline"
import { listDuplicateGroups } from "../../../../../../lib/customer-import/review"
import { importKnex, loadRun } from "../../helpers"
import type { ListImportRowsQueryType } from "../../validators"

/**
 * GET /admin/backoffice/customer-imports/:id/rows?filter&limit&offset —
 * with filter=duplicate, limit/offset/count are in groups of rows sharing
 * an email (a page holds whole groups; each row carries its `group`).
 */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const run = await loadRun(req, res)
  if (!run) return
  const q = (req as unknown as { validatedQuery: ListImportRowsQueryType }).validatedQuery
  if (q.filter === "duplicate") {
    const { rows, count, rows_count } = await listDuplicateGroups(importKnex(req.scope), run.id, q)
    return res.json({ rows, count, rows_count, unit: "groups", limit: q.limit, offset: q.offset })
  }
  const { rows, count } = await listRows(importKnex(req.scope), run.id, q)
  res.json({ rows, count, limit: q.limit, offset: q.offset })
}
