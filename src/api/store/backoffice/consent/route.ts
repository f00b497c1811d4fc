import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { changeConsentWorkflow } from "../../../../workflows/customer-engagement/workflows"
import { body, consentState } from "../../../utils/engagement"
import type { ConsentBodyType } from "../../../admin/backoffice/customers/engagement-validators"
import { sessionCustomer } from "../helpers"

/** GET /store/backoffice/consent — the logged-in customer's opt-out flag and subscriptions. */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const customer = await sessionCustomer(req)
  res.json({ consent: await consentState(req, customer.id) })
}

/** POST /store/backoffice/consent { marketing_opt_out } */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const customer = await sessionCustomer(req)
  const { marketing_opt_out } = body<ConsentBodyType>(req)
  await changeConsentWorkflow(req.scope).run({
    input: {
      customer_id: customer.id,
      source: "storefront",
      actor_id: customer.id,
      marketing_opt_out,
    },
  })
  res.json({ consent: await consentState(req, customer.id) })
}
