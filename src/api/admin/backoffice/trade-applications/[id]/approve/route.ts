import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { approveTradeApplicationWorkflow } from "../../../../../../workflows/trade-accounts/workflows"
import { actorId, body } from "../../../../../utils/engagement"
import { adminApplications, runOrConflict, tradeAccounts } from "../../helpers"
import type { ApproveBodyType } from "../../validators"

/**
 * POST /admin/backoffice/trade-applications/:id/approve
 * { price_list_id?, discount_percent?, free_delivery?, account_code? } → { application }.
 * 404 unknown, 409 already decided or account code taken, 400 unknown price list.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const done = await runOrConflict(res, () =>
    approveTradeApplicationWorkflow(req.scope).run({
      input: { id: req.params.id, actor_id: actorId(req), ...body<ApproveBodyType>(req) },
    })
  )
  if (!done) return
  const [app] = await tradeAccounts(req).listTradeApplications({ id: req.params.id })
  res.json({ application: (await adminApplications(req, [app]))[0] })
}
