import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { loadRun, runViews } from "../helpers"

/** GET /admin/backoffice/customer-imports/:id */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const run = await loadRun(req, res)
  if (!run) return
  const [view] = await runViews(req, [run])
  res.json({ import_run: view })
}
