import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { CUSTOMER_ENGAGEMENT_MODULE } from "../../modules/customer-engagement"
import type CustomerEngagementModuleService from "../../modules/customer-engagement/service"
import { invitationLink, newInvitationToken, type Invitable } from "../../lib/invitations"
import { INVITATION_TEMPLATE, type InvitationTrigger } from "../../types/invitations"

const engagementOf = (c: { resolve: (k: string) => unknown }) =>
  c.resolve(CUSTOMER_ENGAGEMENT_MODULE) as CustomerEngagementModuleService

export type CreateInvitationInput = { customer: Invitable; trigger: InvitationTrigger; actor_id: string | null }

/**
 * A new invitation with a fresh token; the customer's earlier live
 * invitations are replaced (their links stop working). Undo: the new one is
 * deleted and the earlier ones get their links back.
 */
export const createInvitationStep = createStep(
  "cbo-create-invitation",
  async (input: CreateInvitationInput, { container }) => {
    const svc = engagementOf(container)
    const live = await svc.listCustomerInvitations({ customer_id: input.customer.id, status: ["sent", "opened"] })
    if (live.length) {
      await svc.updateCustomerInvitations(live.map((i) => ({ id: i.id, status: "replaced" as const })))
    }
    const { token, hash } = newInvitationToken()
    const expires = new Date(Date.now() + svc.options.invitationTtlDays * 24 * 3600 * 1000)
    const inv = await svc.createCustomerInvitations({
      customer_id: input.customer.id,
      email: input.customer.email,
      token_hash: hash,
      expires_at: expires,
      trigger: input.trigger,
      sent_by: input.actor_id,
    })
    return new StepResponse(
      { id: inv.id as string, token, expires_at: expires.toISOString(), url: invitationLink(svc.options.invitationUrl, token) },
      { id: inv.id as string, replaced: live.map((i) => ({ id: i.id, status: i.status })) }
    )
  },
  async (undo, { container }) => {
    if (!undo) return
    const svc = engagementOf(container)
    await svc.deleteCustomerInvitations([undo.id])
    if (undo.replaced.length) await svc.updateCustomerInvitations(undo.replaced as any)
  }
)

/** The invitation message through Medusa's Notification module (channel: plugin option confirmationChannel). */
export const sendInvitationNotificationStep = createStep(
  "cbo-send-invitation",
  async (
    input: { customer: Invitable; invitation: { id: string; token: string; url: string; expires_at: string } },
    { container }
  ) => {
    const notifications = container.resolve(Modules.NOTIFICATION)
    const [n] = await notifications.createNotifications([
      {
        to: input.customer.email,
        channel: engagementOf(container).options.confirmationChannel,
        template: INVITATION_TEMPLATE,
        trigger_type: "customer_backoffice.customer.invited",
        resource_id: input.customer.id,
        resource_type: "customer",
        receiver_id: input.customer.id,
        idempotency_key: `invitation:${input.invitation.id}`,
        data: {
          url: input.invitation.url,
          token: input.invitation.token,
          expires_at: input.invitation.expires_at,
          email: input.customer.email,
          first_name: input.customer.first_name,
          last_name: input.customer.last_name,
        },
      },
    ])
    return new StepResponse(n?.id ?? null)
  }
)

export type ConsumeInvitationInput = { token_hash: string; account_customer_id: string }

/**
 * Uses the token up (atomically: a second accept of the same link finds
 * nothing). Undo: the invitation is live again with the same token.
 */
export const consumeInvitationStep = createStep(
  "cbo-consume-invitation",
  async (input: ConsumeInvitationInput, { container }) => {
    const svc = engagementOf(container)
    const inv = await svc.consumeInvitationToken(input.token_hash, input.account_customer_id)
    if (!inv) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "token: this invitation link was already used, replaced or has expired")
    }
    const opened = !!(inv as { opened_at?: unknown }).opened_at
    return new StepResponse(
      { id: inv.id, customer_id: inv.customer_id },
      { id: inv.id, status: opened ? "opened" : "sent" }
    )
  },
  async (undo, { container }) => {
    if (!undo) return
    await engagementOf(container).updateCustomerInvitations([
      {
        id: undo.id,
        status: undo.status as "sent" | "opened",
        registered_at: null,
        account_customer_id: null,
        merge_id: null,
      },
    ])
  }
)

/** The shopper opened the link (the storefront's registration page asked about the token). */
export const markInvitationOpenedStep = createStep(
  "cbo-mark-invitation-opened",
  async (input: { id: string }, { container }) => {
    const svc = engagementOf(container)
    const [inv] = await svc.listCustomerInvitations({ id: input.id })
    if (!inv || inv.status !== "sent") return new StepResponse(false, null)
    await svc.updateCustomerInvitations([{ id: inv.id, status: "opened", opened_at: new Date() }])
    return new StepResponse(true, inv.id as string)
  },
  async (id, { container }) => {
    if (id) await engagementOf(container).updateCustomerInvitations([{ id, status: "sent", opened_at: null }])
  }
)

/** Records the merge that joined the accounts on the invitation. */
export const linkInvitationMergeStep = createStep(
  "cbo-link-invitation-merge",
  async (input: { id: string; merge_id: string }, { container }) => {
    await engagementOf(container).updateCustomerInvitations([{ id: input.id, merge_id: input.merge_id }])
    return new StepResponse(input.id)
  }
)
