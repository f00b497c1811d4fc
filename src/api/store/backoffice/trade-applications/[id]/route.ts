import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { storeApplication, storeCustomerId, tradeAccounts } from "../../../../admin/backoffice/trade-applications/helpers"

/** GET /store/backoffice/trade-applications/:id → { application }; another customer's application is 404. */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const customerId = await storeCustomerId(req)
  const [app] = await tradeAccounts(req).listTradeApplications({
    id: req.params.id,
    customer_id: customerId,
  })
  if (!app) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Trade application ${req.params.id} was not found`)
  }
  res.json({ application: storeApplication(app as never) })
}
