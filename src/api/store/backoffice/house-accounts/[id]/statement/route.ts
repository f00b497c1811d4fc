import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { sendStatement } from "../../../../../admin/backoffice/house-accounts/statement-helpers"
import { ownAccount } from "../../own-account"

/**
 * GET /store/backoffice/house-accounts/:id/statement?from&to&format=json|pdf|csv
 * — the logged-in customer's own account only (404 for any other).
 */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  await sendStatement(req, res, await ownAccount(req))
}
