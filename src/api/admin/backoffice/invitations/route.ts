import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { checkInvitable, pgOf, sendOne } from "./helpers"
import type { BulkInvitationBodyType } from "./validators"

/**
 * POST /admin/backoffice/invitations { customer_ids } — "Send invitation" on
 * the selected customers: { sent: [{ customer_id, invitation_id }], skipped:
 * [{ customer_id, code, message }] } (no email, has an account, deleted …).
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const { customer_ids } = (req as unknown as { validatedBody: BulkInvitationBodyType }).validatedBody
  const { ok, skipped } = await checkInvitable(pgOf(req), [...new Set(customer_ids)])
  const sent: { customer_id: string; invitation_id: string }[] = []
  for (const customer of ok) {
    const inv = await sendOne(req, customer)
    sent.push({ customer_id: customer.id, invitation_id: inv.id })
  }
  res.json({ sent, skipped })
}
