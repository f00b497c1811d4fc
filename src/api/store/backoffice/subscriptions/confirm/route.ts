import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { changeConsentWorkflow } from "../../../../../workflows/customer-engagement/workflows"
import { hashToken } from "../../../../../workflows/customer-engagement/steps/consent"
import { body, engagementService, groupNames } from "../../../../utils/engagement"
import type { ConfirmBodyType } from "../../../../admin/backoffice/customers/engagement-validators"

/**
 * POST /store/backoffice/subscriptions/confirm { token } — the link from the
 * confirmation email. No session needed: the token is the credential; it is
 * single-use and expires.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const { token } = body<ConfirmBodyType>(req)
  const svc = engagementService(req)
  const hash = hashToken(token)
  const [sub] = await svc.listMailingSubscriptions({ token_hash: hash })
  if (!sub || sub.status !== "pending") {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      "This confirmation link is not valid or was already used"
    )
  }
  if (!sub.token_expires_at || new Date(sub.token_expires_at).getTime() < Date.now()) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      "This confirmation link has expired: subscribe again to get a new one"
    )
  }
  await changeConsentWorkflow(req.scope).run({
    input: {
      customer_id: sub.customer_id,
      source: "storefront",
      actor_id: sub.customer_id,
      subscriptions: [
        { customer_group_id: sub.customer_group_id, status: "confirmed", expect_token_hash: hash },
      ],
      group_names: await groupNames(req, [sub.customer_group_id]),
    },
  })
  const names = await groupNames(req, [sub.customer_group_id])
  res.json({
    subscription: {
      customer_group_id: sub.customer_group_id,
      category_name: names[sub.customer_group_id] ?? null,
      status: "confirmed",
    },
  })
}
