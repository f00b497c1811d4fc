import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { changeConsentWorkflow } from "../../../../../../workflows/customer-engagement/workflows"
import {
  actorId,
  body,
  engagementService,
  requireCustomer,
  requireGroup, consentState } from "../../../../../utils/engagement"
import type { AdminSubscriptionBodyType } from "../../engagement-validators"

/** GET /admin/backoffice/customers/:id/subscriptions */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  await requireCustomer(req)
  const state = await consentState(req, req.params.id)
  res.json({
    subscriptions: state.subscriptions,
    count: state.subscriptions.length,
    marketing_opt_out: state.marketing_opt_out,
  })
}

/**
 * POST /admin/backoffice/customers/:id/subscriptions { customer_group_id, status }
 * confirmed: subscribed now (consent given to the merchant); pending: the
 * customer is emailed a confirmation link; unsubscribed.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const customer = await requireCustomer(req)
  const input = body<AdminSubscriptionBodyType>(req)
  const group = await requireGroup(req, input.customer_group_id, "customer_group_id")
  const options = engagementService(req).options
  const { result } = await changeConsentWorkflow(req.scope).run({
    input: {
      customer_id: customer.id,
      source: "admin",
      actor_id: actorId(req),
      subscriptions: [
        {
          customer_group_id: group.id,
          status: input.status,
          token_ttl_hours: options.confirmationTokenTtlHours,
        },
      ],
      group_names: { [group.id]: group.name },
      notify:
        input.status === "pending" && customer.email
          ? { to: customer.email, channel: options.confirmationChannel }
          : null,
    },
  })
  const state = await consentState(req, req.params.id)
  res.json({
    subscriptions: state.subscriptions,
    count: state.subscriptions.length,
    marketing_opt_out: state.marketing_opt_out,
    events: result,
  })
}
