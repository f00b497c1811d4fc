import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { writeFailedRows } from "../../../../../../lib/customer-import/files"
import { importKnex, loadRun, startCsv, writeTo } from "../../helpers"

/** GET /admin/backoffice/customer-imports/:id/failed-rows — the failed rows with an "Error" column. */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const run = await loadRun(req, res)
  if (!run) return
  const base = String(run.file_name).replace(/\.[^.]+$/, "")
  startCsv(res, `${base}-failed-rows.csv`)
  await writeFailedRows(importKnex(req.scope), run.id, (chunk) => writeTo(res, chunk))
  res.end()
}
