import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { serializeInvitation } from "../../../../../../lib/invitations"
import { answer, checkInvitable, invitationsOf, pgOf, sendOne } from "../../../invitations/helpers"

/**
 * GET /admin/backoffice/customers/:id/invitations — the customer's
 * invitations, newest first, and whether one can be sent now:
 * { invitations, invitable: { ok, code?, message? } }.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const { ok, skipped } = await checkInvitable(pgOf(req), [req.params.id])
  if (skipped[0]?.code === "not_found") return answer(res, 404, "not_found", skipped[0].message)
  const rows = await invitationsOf(req).listCustomerInvitations(
    { customer_id: req.params.id },
    { order: { created_at: "DESC" }, take: 20 }
  )
  res.json({
    invitations: rows.map((r) => serializeInvitation(r as Record<string, unknown>)),
    invitable: ok.length ? { ok: true } : { ok: false, code: skipped[0].code, message: skipped[0].message },
  })
}

/**
 * POST /admin/backoffice/customers/:id/invitations — sends (or re-sends) the
 * invitation to register: { invitation }. A re-send replaces the earlier link.
 * 404 unknown customer; 409 when it has no email, already has an account, or
 * is deleted or forgotten.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const { ok, skipped } = await checkInvitable(pgOf(req), [req.params.id])
  if (!ok.length) {
    const s = skipped[0]
    return answer(res, s.code === "not_found" ? 404 : 409, s.code === "not_found" ? "not_found" : "conflict", s.message)
  }
  res.status(201).json({ invitation: await sendOne(req, ok[0]) })
}
