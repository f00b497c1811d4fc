import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { loadRun, runDetail } from "../helpers"

/** GET /admin/backoffice/customer-imports/:id — the run, its warnings and the first rows of its file as read. */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const run = await loadRun(req, res)
  if (!run) return
  res.json({ import_run: await runDetail(req, run) })
}
