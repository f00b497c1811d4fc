import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { changeConsentWorkflow } from "../../../../../../workflows/customer-engagement/workflows"
import { actorId, engagementService, groupNames, requireCustomer, consentState } from "../../../../../utils/engagement"

/** POST /admin/backoffice/customers/:id/unsubscribe-all — "Unsubscribe from all and opt out". */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  await requireCustomer(req)
  const subs = await engagementService(req).listMailingSubscriptions({
    customer_id: req.params.id,
  })
  const { result } = await changeConsentWorkflow(req.scope).run({
    input: {
      customer_id: req.params.id,
      source: "admin",
      actor_id: actorId(req),
      marketing_opt_out: true,
      unsubscribe_all: true,
      group_names: await groupNames(req, subs.map((s) => s.customer_group_id)),
    },
  })
  res.json({ consent: await consentState(req, req.params.id), events: result })
}
