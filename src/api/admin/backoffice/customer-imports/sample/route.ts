import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { sampleCsv } from "../../../../../lib/customer-import/files"
import { startCsv } from "../helpers"

/** GET /admin/backoffice/customer-imports/sample — Customers.csv with every importable column. */
export async function GET(_req: MedusaRequest, res: MedusaResponse) {
  startCsv(res, "Customers.csv")
  res.send(sampleCsv())
}
