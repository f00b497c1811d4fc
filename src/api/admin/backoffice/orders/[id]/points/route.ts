import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { orderPointsSummary } from "../../../../../../workflows/points-checkout/steps/order-summary"

/** GET /admin/backoffice/orders/:id/points — points earned and redeemed with the order, with their reversals. */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const summary = await orderPointsSummary(req.scope, req.params.id)
  if (!summary) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${req.params.id} was not found`)
  }
  res.json({ points: summary })
}
