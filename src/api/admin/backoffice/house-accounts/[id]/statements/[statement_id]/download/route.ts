import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { houseAccounts } from "../../../../helpers"
import { sendStoredStatement } from "../../../../statement-helpers"

/** GET /admin/backoffice/house-accounts/:id/statements/:statement_id/download?format=pdf|csv — the stored file. */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const account = await houseAccounts(req).getAccount(req.params.id)
  await sendStoredStatement(req, res, account)
}
