import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { rejectTradeApplicationWorkflow } from "../../../../../../workflows/trade-accounts/workflows"
import { actorId, body } from "../../../../../utils/engagement"
import { adminApplications, runOrConflict, tradeAccounts } from "../../helpers"
import type { RejectBodyType } from "../../validators"

/** POST /admin/backoffice/trade-applications/:id/reject { reason } → { application }; 409 when already decided. */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const done = await runOrConflict(res, () =>
    rejectTradeApplicationWorkflow(req.scope).run({
      input: { id: req.params.id, actor_id: actorId(req), reason: body<RejectBodyType>(req).reason },
    })
  )
  if (!done) return
  const [app] = await tradeAccounts(req).listTradeApplications({ id: req.params.id })
  res.json({ application: (await adminApplications(req, [app]))[0] })
}
