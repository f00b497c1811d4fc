import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { changeConsentWorkflow } from "../../../../../../workflows/customer-engagement/workflows"
import {
  actorId,
  body,
  consentState,
  requireCustomer,
} from "../../../../../utils/engagement"
import type { ConsentBodyType } from "../../engagement-validators"

/** GET /admin/backoffice/customers/:id/consent */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  await requireCustomer(req)
  res.json({ consent: await consentState(req, req.params.id) })
}

/** POST /admin/backoffice/customers/:id/consent { marketing_opt_out } */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  await requireCustomer(req)
  const { marketing_opt_out } = body<ConsentBodyType>(req)
  const { result } = await changeConsentWorkflow(req.scope).run({
    input: {
      customer_id: req.params.id,
      source: "admin",
      actor_id: actorId(req),
      marketing_opt_out,
    },
  })
  res.json({ consent: await consentState(req, req.params.id), events: result })
}
