import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { updateTradeAccountWorkflow } from "../../../../../../workflows/trade-accounts/workflows"
import type { TradeAccountData } from "../../../../../../workflows/trade-accounts/steps"
import { actorId, body, requireCustomer } from "../../../../../utils/engagement"
import { accountState, runOrConflict } from "../../../trade-applications/helpers"
import type { UpdateAccountBodyType } from "../../../trade-applications/validators"

/** GET /admin/backoffice/customers/:id/account → { account } (the Account tab). */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  await requireCustomer(req)
  res.json({ account: await accountState(req, req.params.id) })
}

/**
 * POST /admin/backoffice/customers/:id/account — any of the Account tab's
 * fields → { account }. 400 names the field (VAT number, discount, unknown
 * price list); 409 for an account code in use or activating a pending applicant.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  await requireCustomer(req)
  const { discount_percent, ...rest } = body<UpdateAccountBodyType>(req)
  const data: TradeAccountData = { ...(rest as TradeAccountData) }
  if (discount_percent !== undefined) data.discount_bp = Math.round(discount_percent * 100)
  const done = await runOrConflict(res, () =>
    updateTradeAccountWorkflow(req.scope).run({
      input: { customer_id: req.params.id, actor_id: actorId(req), data },
    })
  )
  if (!done) return
  res.json({ account: await accountState(req, req.params.id) })
}
