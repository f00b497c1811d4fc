import { createHash, randomBytes } from "node:crypto"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { placeholderEmail } from "../gdpr/erase"
import type { InvitationRecord, InviteSkipCode } from "../../types/invitations"

/** A new invitation token: 32 random bytes (base64url); only its SHA-256 hash is stored. */
export function newInvitationToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url")
  return { token, hash: hashInvitationToken(token) }
}

export const hashInvitationToken = (token: string) => createHash("sha256").update(token).digest("hex")

/** Tokens are 43 base64url characters; anything else is malformed (refused before any lookup). */
export const INVITATION_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/

/** The link in the message: the storefront's registration page with the token (plugin option invitationUrl). */
export function invitationLink(pattern: string, token: string): string {
  return pattern.split("{token}").join(encodeURIComponent(token))
}

export type Invitable = { id: string; email: string; first_name: string | null; last_name: string | null }

/**
 * Which of these customers can be invited: live, with an email, no account,
 * not forgotten. The others come back with the reason.
 */
export async function checkInvitable(
  db: Knex | Knex.Transaction,
  ids: string[]
): Promise<{ ok: Invitable[]; skipped: { customer_id: string; code: InviteSkipCode; message: string }[] }> {
  const { rows } = await db.raw(
    `select id, email, first_name, last_name, has_account, deleted_at from customer where id = any(?)`,
    [ids]
  )
  const byId = new Map<string, any>(rows.map((r: any) => [r.id, r]))
  const ok: Invitable[] = []
  const skipped: { customer_id: string; code: InviteSkipCode; message: string }[] = []
  for (const id of ids) {
    const c = byId.get(id)
    const skip = (code: InviteSkipCode, message: string) => skipped.push({ customer_id: id, code, message })
    if (!c) skip("not_found", `Customer ${id} was not found`)
    else if (c.deleted_at) skip("deleted", `Customer ${id} is deleted`)
    else if (c.email === placeholderEmail(id)) skip("forgotten", `Customer ${id} was forgotten (GDPR)`)
    else if (!c.email) skip("no_email", `Customer ${id} has no email address to send the invitation to`)
    else if (c.has_account) skip("has_account", `Customer ${id} already has an account`)
    else ok.push({ id, email: c.email, first_name: c.first_name, last_name: c.last_name })
  }
  return { ok, skipped }
}

export function serializeInvitation(r: Record<string, any>): InvitationRecord {
  const iso = (d: unknown) => (d ? new Date(d as string).toISOString() : null)
  const expired = ["sent", "opened"].includes(r.status) && new Date(r.expires_at).getTime() <= Date.now()
  return {
    id: r.id,
    customer_id: r.customer_id,
    email: r.email,
    status: r.status,
    expired,
    trigger: r.trigger,
    sent_by: r.sent_by ?? null,
    created_at: iso(r.created_at)!,
    expires_at: iso(r.expires_at)!,
    opened_at: iso(r.opened_at),
    registered_at: iso(r.registered_at),
    account_customer_id: r.account_customer_id ?? null,
    merge_id: r.merge_id ?? null,
  }
}
