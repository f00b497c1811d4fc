import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { hashInvitationToken } from "../../../../lib/invitations"
import { invitationsOf } from "../../../admin/backoffice/invitations/helpers"

/** A refused invitation link: the status and the message the storefront shows. */
export class InvitationRefused extends Error {
  constructor(readonly status: 400 | 409, message: string) {
    super(message)
  }
}

/** Answers a refusal (Medusa's error handler would replace a 409's message); false for other errors. */
export function answerRefused(res: MedusaResponse, e: unknown): boolean {
  if (!(e instanceof InvitationRefused)) return false
  res.status(e.status).json({ type: e.status === 409 ? "conflict" : "invalid_data", message: e.message })
  return true
}

/**
 * The live invitation of a token, or a 4xx naming the problem: unknown
 * (400), replaced by a newer one or already used (409), expired (400).
 */
export async function liveInvitation(req: MedusaRequest, token: string) {
  const hash = hashInvitationToken(token)
  const [inv] = await invitationsOf(req).listCustomerInvitations({ token_hash: hash })
  if (!inv) {
    throw new InvitationRefused(400, "token: this invitation link is not valid")
  }
  if (inv.status === "registered") {
    throw new InvitationRefused(409, "token: this invitation link was already used to register")
  }
  if (inv.status === "replaced") {
    throw new InvitationRefused(
      409,
      "token: a newer invitation replaced this link: use the link in the latest message"
    )
  }
  if (new Date(inv.expires_at).getTime() <= Date.now()) {
    throw new InvitationRefused(
      400,
      `token: this invitation link expired on ${new Date(inv.expires_at).toISOString().slice(0, 10)}: ask the store for a new one`
    )
  }
  return { invitation: inv, hash }
}

export const sameEmail = (a: string | null | undefined, b: string | null | undefined) =>
  !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase()
