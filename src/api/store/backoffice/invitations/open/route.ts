import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { Modules } from "@medusajs/framework/utils"
import { openInvitationWorkflow } from "../../../../../workflows/customer-invitations/workflows"
import type { InvitationTokenBodyType } from "../../../../admin/backoffice/invitations/validators"
import { answerRefused, liveInvitation } from "../helpers"

/**
 * POST /store/backoffice/invitations/open { token } — the storefront's
 * registration page shows the link: the invitation is marked opened and the
 * page gets what it needs to fill the form: { invitation: { email,
 * first_name, last_name, expires_at } }. No session (the token is the
 * credential); an unknown, used, replaced or expired token is a 4xx.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const { token } = (req as unknown as { validatedBody: InvitationTokenBodyType }).validatedBody
  let invitation: Awaited<ReturnType<typeof liveInvitation>>["invitation"]
  try {
    invitation = (await liveInvitation(req, token)).invitation
  } catch (e) {
    if (answerRefused(res, e)) return
    throw e
  }
  await openInvitationWorkflow(req.scope).run({
    input: { id: invitation.id, customer_id: invitation.customer_id, email: invitation.email },
  })
  const [customer] = await req.scope
    .resolve(Modules.CUSTOMER)
    .listCustomers({ id: invitation.customer_id }, { select: ["first_name", "last_name"] })
  res.json({
    invitation: {
      email: invitation.email,
      first_name: customer?.first_name ?? null,
      last_name: customer?.last_name ?? null,
      expires_at: new Date(invitation.expires_at).toISOString(),
    },
  })
}
