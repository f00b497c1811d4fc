import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { requireCustomer } from "../../../../../../utils/engagement"
import { customerReceipt } from "../../../../../../utils/customer-metrics"

/** GET /admin/backoffice/customers/:id/transactions/:order_id — the receipt (404: not this customer's order). */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  await requireCustomer(req)
  res.json({ receipt: await customerReceipt(req, req.params.id, req.params.order_id) })
}
