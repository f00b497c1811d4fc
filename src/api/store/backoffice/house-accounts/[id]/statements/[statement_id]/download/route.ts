import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { sendStoredStatement } from "../../../../../../../admin/backoffice/house-accounts/statement-helpers"
import { ownAccount } from "../../../../own-account"

/** GET /store/backoffice/house-accounts/:id/statements/:statement_id/download?format=pdf|csv — own account only. */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  await sendStoredStatement(req, res, await ownAccount(req))
}
