import { createHash } from "node:crypto"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { placeholderEmail } from "../gdpr/erase"

/** How Medusa 2.21's project config asks for verifications (projectConfig.http.authVerificationsPerActor). */
type VerificationsPerActor = Record<string, { entity_type: string; auth_provider: string }[]> | undefined

/**
 * Whether the store requires Medusa's email verification for shoppers who
 * sign up with email and password: `authVerificationsPerActor.customer`
 * holds `{ entity_type: "email", auth_provider: "emailpass" }`. Only then is
 * a verified email proof enough to join accounts.
 */
export function storeVerifiesCustomerEmails(perActor: VerificationsPerActor): boolean {
  return !!perActor?.customer?.some((v) => v.entity_type === "email" && v.auth_provider === "emailpass")
}

/**
 * The registered customer whose login proved its email with Medusa's email
 * verification, and the in-store customers (no account, same email, live,
 * not forgotten) to join to it; null when there is no such proof or nobody
 * to join. Proof: the emailpass login of the customer's email (bound to
 * this customer, or not bound yet: Medusa sets app_metadata.customer_id
 * after the customer is created) has a verified `auth_verification` of type
 * "email" for that same address.
 */
export async function verifiedJoin(
  db: Knex,
  customerId: string
): Promise<{ account_customer_id: string; joined_customer_ids: string[]; auth_verification_id: string } | null> {
  const { rows } = await db.raw(
    `select c.id, c.email, av.id as verification_id
       from customer c
       join provider_identity pi on pi.provider = 'emailpass' and pi.deleted_at is null and lower(pi.entity_id) = lower(c.email)
       join auth_identity ai on ai.id = pi.auth_identity_id and ai.deleted_at is null
            and coalesce(ai.app_metadata->>'customer_id', c.id) = c.id
       join auth_verification av on av.auth_identity_id = ai.id and av.entity_type = 'email'
            and av.entity_id = pi.entity_id and av.verified_at is not null and av.deleted_at is null
      where c.id = ? and c.has_account and c.deleted_at is null
      limit 1`,
    [customerId]
  )
  const me = rows[0]
  if (!me?.email) return null
  const { rows: others } = await db.raw(
    `select id from customer
      where lower(email) = lower(?) and id <> ? and not has_account and deleted_at is null
      order by created_at`,
    [me.email, customerId]
  )
  const ids = (others as { id: string }[]).map((o) => o.id).filter((id) => me.email !== placeholderEmail(id))
  return ids.length ? { account_customer_id: me.id, joined_customer_ids: ids, auth_verification_id: me.verification_id } : null
}

/**
 * The registered customer of the auth identity a confirmed verification
 * belongs to: the shopper's session when the storefront sends one, else the
 * verification the code confirmed (Medusa's token provider stores the
 * code's SHA-256). Null when the identity has no customer yet.
 */
export async function customerOfVerification(
  db: Knex,
  authIdentityId: string | undefined,
  code: unknown
): Promise<string | null> {
  let identity = authIdentityId
  if (!identity && typeof code === "string" && code) {
    const hash = createHash("sha256").update(code).digest("hex")
    const { rows } = await db.raw(
      `select auth_identity_id from auth_verification where provider_metadata->>'token_hash' = ? and verified_at is not null limit 1`,
      [hash]
    )
    identity = rows[0]?.auth_identity_id
  }
  if (!identity) return null
  const { rows } = await db.raw(`select app_metadata->>'customer_id' as customer_id from auth_identity where id = ?`, [identity])
  return rows[0]?.customer_id ?? null
}
