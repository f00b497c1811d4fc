import { createHash, randomBytes } from "crypto"
import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import {
  CUSTOMER_ENGAGEMENT_MODULE,
  type ConsentSource,
  type SubscriptionStatus,
} from "../../../modules/customer-engagement"
import type CustomerEngagementModuleService from "../../../modules/customer-engagement/service"

const engagement = (container: { resolve: (k: string) => unknown }) =>
  container.resolve(CUSTOMER_ENGAGEMENT_MODULE) as CustomerEngagementModuleService

export function hashToken(token: string) {
  return createHash("sha256").update(token).digest("hex")
}

export type SubscriptionChange = {
  customer_group_id: string
  status: SubscriptionStatus
  /** pending: a new confirmation token is made and returned */
  token_ttl_hours?: number
  /** confirmed from a link: the stored hash must still be this one (single use) */
  expect_token_hash?: string
}

export type ApplyConsentInput = {
  customer_id: string
  source: ConsentSource
  actor_id: string | null
  marketing_opt_out?: boolean
  subscriptions?: SubscriptionChange[]
  /** every subscription that is not already unsubscribed becomes unsubscribed */
  unsubscribe_all?: boolean
}

export type ConsentEventRow = {
  id: string
  customer_id: string
  kind: "opt_out" | "subscription"
  subject: string | null
  old_value: string | null
  new_value: string
  source: ConsentSource
  actor_id: string | null
  created_at: Date | string
}

type Undo = {
  consent: { id: string; existed: boolean; marketing_opt_out: boolean } | null
  subscriptions: { id: string; existed: boolean; row: Record<string, unknown> }[]
  event_ids: string[]
}

/**
 * Applies opt-out and subscription changes of one customer and appends one
 * consent event per actual change (old → new, source, actor).
 */
export const applyConsentChangesStep = createStep(
  "cbo-apply-consent-changes",
  async (input: ApplyConsentInput, { container }) => {
    const svc = engagement(container)
    const undo: Undo = { consent: null, subscriptions: [], event_ids: [] }
    const events: Omit<ConsentEventRow, "id" | "created_at">[] = []
    const tokens: { customer_group_id: string; token: string; expires_at: string }[] = []
    const base = {
      customer_id: input.customer_id,
      source: input.source,
      actor_id: input.actor_id,
    }

    if (input.marketing_opt_out !== undefined) {
      const [consent] = await svc.listCustomerConsents({ customer_id: input.customer_id })
      const old = consent?.marketing_opt_out ?? false
      if (!consent) {
        const created = await svc.createCustomerConsents({
          customer_id: input.customer_id,
          marketing_opt_out: input.marketing_opt_out,
        })
        undo.consent = { id: created.id, existed: false, marketing_opt_out: false }
      } else if (old !== input.marketing_opt_out) {
        await svc.updateCustomerConsents({
          id: consent.id,
          marketing_opt_out: input.marketing_opt_out,
        })
        undo.consent = { id: consent.id, existed: true, marketing_opt_out: old }
      }
      if (old !== input.marketing_opt_out) {
        events.push({
          ...base,
          kind: "opt_out",
          subject: null,
          old_value: String(old),
          new_value: String(input.marketing_opt_out),
        })
      }
    }

    const existingSubs = await svc.listMailingSubscriptions({
      customer_id: input.customer_id,
    })
    const changes: SubscriptionChange[] = [...(input.subscriptions ?? [])]
    if (input.unsubscribe_all) {
      for (const s of existingSubs) {
        if (s.status !== "unsubscribed") {
          changes.push({ customer_group_id: s.customer_group_id, status: "unsubscribed" })
        }
      }
    }

    for (const change of changes) {
      const current = existingSubs.find(
        (s) => s.customer_group_id === change.customer_group_id
      )
      if (change.expect_token_hash !== undefined) {
        const consumed =
          !!current &&
          (await svc.consumeConfirmationToken(current.id, change.expect_token_hash))
        if (!consumed) {
          throw new MedusaError(
            MedusaError.Types.INVALID_DATA,
            "This confirmation link is not valid or was already used"
          )
        }
      }
      const oldStatus = current?.status ?? null
      const now = new Date()
      const data: Record<string, unknown> = { status: change.status }
      if (change.status === "pending") {
        const token = randomBytes(32).toString("base64url")
        const expires = new Date(
          now.getTime() + (change.token_ttl_hours ?? 48) * 3600 * 1000
        )
        data.token_hash = hashToken(token)
        data.token_expires_at = expires
        tokens.push({
          customer_group_id: change.customer_group_id,
          token,
          expires_at: expires.toISOString(),
        })
      } else {
        data.token_hash = null
        data.token_expires_at = null
      }
      if (change.status === "confirmed" && oldStatus !== "confirmed") data.confirmed_at = now
      if (change.status === "unsubscribed" && oldStatus !== "unsubscribed") {
        data.unsubscribed_at = now
      }
      if (current) {
        if (oldStatus === change.status && change.status !== "pending") continue
        undo.subscriptions.push({
          id: current.id,
          existed: true,
          row: {
            status: current.status,
            token_hash: current.token_hash,
            token_expires_at: current.token_expires_at,
            confirmed_at: current.confirmed_at,
            unsubscribed_at: current.unsubscribed_at,
          },
        })
        const updated = await svc.updateMailingSubscriptions({ id: current.id, ...data })
        current.status = updated.status
        current.token_hash = updated.token_hash
      } else {
        const created = await svc.createMailingSubscriptions({
          customer_id: input.customer_id,
          customer_group_id: change.customer_group_id,
          ...data,
        })
        undo.subscriptions.push({ id: created.id, existed: false, row: {} })
        existingSubs.push(created)
      }
      if (oldStatus !== change.status) {
        events.push({
          ...base,
          kind: "subscription",
          subject: change.customer_group_id,
          old_value: oldStatus,
          new_value: change.status,
        })
      }
    }

    const created = events.length
      ? ((await svc.createConsentEvents(events)) as unknown as ConsentEventRow[])
      : []
    undo.event_ids = created.map((e) => e.id)
    return new StepResponse({ events: created, tokens }, undo)
  },
  async (undo, { container }) => {
    if (!undo) return
    const svc = engagement(container)
    if (undo.event_ids.length) await svc.deleteConsentEvents(undo.event_ids)
    for (const s of [...undo.subscriptions].reverse()) {
      if (s.existed) await svc.updateMailingSubscriptions({ id: s.id, ...s.row })
      else await svc.deleteMailingSubscriptions(s.id)
    }
    if (undo.consent) {
      if (undo.consent.existed) {
        await svc.updateCustomerConsents({
          id: undo.consent.id,
          marketing_opt_out: undo.consent.marketing_opt_out,
        })
      } else {
        await svc.deleteCustomerConsents(undo.consent.id)
      }
    }
  }
)
