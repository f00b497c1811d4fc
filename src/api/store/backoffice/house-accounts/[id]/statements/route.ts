import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { listStatements } from "../../../../../admin/backoffice/house-accounts/statement-helpers"
import { ownAccount } from "../../own-account"

/** GET /store/backoffice/house-accounts/:id/statements — the stored statements of the customer's own account. */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const account = await ownAccount(req)
  const { statements, ...page } = await listStatements(req, account.id)
  res.json({
    // who generated it and where it was e-mailed is staff information
    statements: statements.map(({ generated_by_id: _g, generated_by_type: _t, emailed_to: _e, ...s }) => s),
    ...page,
  })
}
