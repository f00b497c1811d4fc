import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { changeConsentWorkflow } from "../../../../workflows/customer-engagement/workflows"
import { engagementService, groupNames, consentState } from "../../../utils/engagement"
import { sessionCustomer } from "../helpers"

/** POST /store/backoffice/unsubscribe-all — unsubscribe from every category and opt out. */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const customer = await sessionCustomer(req)
  const subs = await engagementService(req).listMailingSubscriptions({
    customer_id: customer.id,
  })
  await changeConsentWorkflow(req.scope).run({
    input: {
      customer_id: customer.id,
      source: "storefront",
      actor_id: customer.id,
      marketing_opt_out: true,
      unsubscribe_all: true,
      group_names: await groupNames(req, subs.map((s) => s.customer_group_id)),
    },
  })
  res.json({ consent: await consentState(req, customer.id) })
}
