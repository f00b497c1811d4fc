import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { changeConsentWorkflow } from "../../../../workflows/customer-engagement/workflows"
import { body, engagementService, requireGroup, consentState } from "../../../utils/engagement"
import type { StoreSubscribeBodyType } from "../../../admin/backoffice/customers/engagement-validators"
import { sessionCustomer } from "../helpers"

/** GET /store/backoffice/subscriptions */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const customer = await sessionCustomer(req)
  const state = await consentState(req, customer.id)
  res.json({ subscriptions: state.subscriptions, marketing_opt_out: state.marketing_opt_out })
}

/**
 * POST /store/backoffice/subscriptions { customer_group_id } — double opt-in:
 * the subscription is pending and a confirmation token is sent to the
 * customer's email through the Notification module. Already confirmed: no-op.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const customer = await sessionCustomer(req)
  const { customer_group_id } = body<StoreSubscribeBodyType>(req)
  const group = await requireGroup(req, customer_group_id, "customer_group_id")
  const svc = engagementService(req)
  const [current] = await svc.listMailingSubscriptions({
    customer_id: customer.id,
    customer_group_id: group.id,
  })
  if (current?.status !== "confirmed") {
    if (!customer.email) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        "Add an email address to your account to subscribe"
      )
    }
    await changeConsentWorkflow(req.scope).run({
      input: {
        customer_id: customer.id,
        source: "storefront",
        actor_id: customer.id,
        subscriptions: [
          {
            customer_group_id: group.id,
            status: "pending",
            token_ttl_hours: svc.options.confirmationTokenTtlHours,
          },
        ],
        group_names: { [group.id]: group.name },
        notify: { to: customer.email, channel: svc.options.confirmationChannel },
      },
    })
  }
  const state = await consentState(req, customer.id)
  res.status(current?.status === "confirmed" ? 200 : 201).json({
    subscription: state.subscriptions.find((s) => s.customer_group_id === group.id),
  })
}
