import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { houseAccounts } from "../../helpers"
import { sendStatement } from "../../statement-helpers"

/**
 * GET /admin/backoffice/house-accounts/:id/statement?from&to&format=json|pdf|csv
 * json → { statement: figures }; pdf / csv → the file (attachment, streamed).
 */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const account = await houseAccounts(req).getAccount(req.params.id)
  await sendStatement(req, res, account)
}
