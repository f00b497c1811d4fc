import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { retrieveExportJob, toCustomerExport } from "../helpers"

/** GET /admin/backoffice/customer-exports/:id — status, progress and the download link when done. */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const job = await retrieveExportJob(req, req.params.id)
  res.json({ export: toCustomerExport(job) })
}
