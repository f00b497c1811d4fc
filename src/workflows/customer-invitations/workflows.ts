import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { recordTimelineStep } from "../timeline"
import { mergeCustomersWorkflow } from "../customer-merge/workflows"
import { ACCOUNTS_JOINED_EVENT, INVITED_EVENT } from "../../types/invitations"
import {
  consumeInvitationStep,
  createInvitationStep,
  linkInvitationMergeStep,
  markInvitationOpenedStep,
  sendInvitationNotificationStep,
  type ConsumeInvitationInput,
  type CreateInvitationInput,
} from "./steps"

const TRIGGER_TEXT: Record<string, string> = {
  manual: "",
  on_create: " (new in-store customer)",
  on_first_order: " (first order)",
}

/**
 * Invites a staff-created customer to register: a new single-use, expiring
 * link (earlier ones replaced), the message through the Notification module,
 * a timeline line and `customer_backoffice.customer.invited`. The caller
 * checked the customer (checkInvitable).
 */
export const sendInvitationWorkflow = createWorkflow("cbo-send-invitation", (input: CreateInvitationInput) => {
  const invitation = createInvitationStep(input)
  sendInvitationNotificationStep(transform({ input, invitation }, ({ input, invitation }) => ({ customer: input.customer, invitation })))
  recordTimelineStep(
    transform({ input, invitation }, ({ input, invitation }) => ({
      customer_id: input.customer.id,
      kind: "customer.invited",
      summary: `Invitation to register sent to ${input.customer.email}${TRIGGER_TEXT[input.trigger] ?? ""}`,
      data: { invitation_id: invitation.id, trigger: input.trigger, expires_at: invitation.expires_at },
      actor_type: input.actor_id ? "user" : "system",
      actor_id: input.actor_id,
    }))
  )
  emitEventStep({
    eventName: INVITED_EVENT,
    data: transform({ input, invitation }, ({ input, invitation }) => ({
      id: input.customer.id,
      customer_id: input.customer.id,
      invitation_id: invitation.id,
      trigger: input.trigger,
    })),
  })
  return new WorkflowResponse(transform({ invitation }, ({ invitation }) => ({ id: invitation.id, expires_at: invitation.expires_at })))
})

/**
 * The shopper registered and proved the email with the invitation link: the
 * in-store customer is merged into the registered one (an automatic merge,
 * undoable by staff like any merge), and `accounts_joined` is emitted.
 */
export const acceptInvitationWorkflow = createWorkflow("cbo-accept-invitation", (input: ConsumeInvitationInput) => {
  const invitation = consumeInvitationStep(input)
  const merge = mergeCustomersWorkflow.runAsStep({
    input: transform({ input, invitation }, ({ input, invitation }) => ({
      primary_id: input.account_customer_id,
      secondary_ids: [invitation.customer_id],
      actor_id: null,
      source: "invitation" as const,
    })),
  })
  linkInvitationMergeStep(transform({ invitation, merge }, ({ invitation, merge }) => ({ id: invitation.id, merge_id: merge.id as string })))
  recordTimelineStep(
    transform({ input, invitation, merge }, ({ input, invitation, merge }) => [
      {
        customer_id: input.account_customer_id,
        kind: "customer.accounts_joined",
        summary: `Registered through an invitation: in-store customer ${invitation.customer_id} joined to this account`,
        data: { invitation_id: invitation.id, merge_id: merge.id, joined_customer_id: invitation.customer_id },
        actor_type: "customer",
        actor_id: input.account_customer_id,
      },
      {
        customer_id: invitation.customer_id,
        kind: "customer.accounts_joined",
        summary: `Registered through the invitation: joined to account ${input.account_customer_id}`,
        data: { invitation_id: invitation.id, merge_id: merge.id, account_customer_id: input.account_customer_id },
        actor_type: "customer",
        actor_id: input.account_customer_id,
      },
    ])
  )
  const data = transform({ input, invitation, merge }, ({ input, invitation, merge }) => ({
    id: input.account_customer_id,
    customer_id: input.account_customer_id,
    joined_customer_id: invitation.customer_id,
    invitation_id: invitation.id,
    merge_id: merge.id as string,
  }))
  emitEventStep({ eventName: ACCOUNTS_JOINED_EVENT, data })
  return new WorkflowResponse(data)
})

/**
 * The shopper registered and proved the email with Medusa's email
 * verification (the store requires it): the in-store customers with that
 * email are merged into the registered one, recorded as an automatic merge
 * (source "email_verification") staff can undo, and `accounts_joined` is
 * emitted for each.
 */
export const joinVerifiedEmailWorkflow = createWorkflow(
  "cbo-join-verified-email",
  (input: { account_customer_id: string; joined_customer_ids: string[]; auth_verification_id: string }) => {
    const merge = mergeCustomersWorkflow.runAsStep({
      input: transform({ input }, ({ input }) => ({
        primary_id: input.account_customer_id,
        secondary_ids: input.joined_customer_ids,
        actor_id: null,
        source: "email_verification" as const,
      })),
    })
    recordTimelineStep(
      transform({ input, merge }, ({ input, merge }) => [
        {
          customer_id: input.account_customer_id,
          kind: "customer.accounts_joined",
          summary: `Email verified at registration: in-store customer ${input.joined_customer_ids.join(", ")} joined to this account`,
          data: { merge_id: merge.id, joined_customer_ids: input.joined_customer_ids, auth_verification_id: input.auth_verification_id },
          actor_type: "customer",
          actor_id: input.account_customer_id,
        },
        ...input.joined_customer_ids.map((id) => ({
          customer_id: id,
          kind: "customer.accounts_joined",
          summary: `Email verified at registration: joined to account ${input.account_customer_id}`,
          data: { merge_id: merge.id, account_customer_id: input.account_customer_id },
          actor_type: "customer",
          actor_id: input.account_customer_id,
        })),
      ])
    )
    const data = transform({ input, merge }, ({ input, merge }) =>
      input.joined_customer_ids.map((joined) => ({
        id: input.account_customer_id,
        customer_id: input.account_customer_id,
        joined_customer_id: joined,
        invitation_id: null,
        merge_id: merge.id as string,
      }))
    )
    emitEventStep({ eventName: ACCOUNTS_JOINED_EVENT, data })
    return new WorkflowResponse(transform({ merge }, ({ merge }) => ({ merge_id: merge.id as string })))
  }
)

/** The invitation link was opened (first time only): status "opened" and a timeline line. */
export const openInvitationWorkflow = createWorkflow(
  "cbo-open-invitation",
  (input: { id: string; customer_id: string; email: string }) => {
    const opened = markInvitationOpenedStep(transform({ input }, ({ input }) => ({ id: input.id })))
    recordTimelineStep(
      transform({ input, opened }, ({ input, opened }) =>
        opened
          ? [
              {
                customer_id: input.customer_id,
                kind: "customer.invitation_opened",
                summary: `Invitation link opened (${input.email})`,
                data: { invitation_id: input.id },
                actor_type: "customer",
                actor_id: null,
              },
            ]
          : []
      )
    )
    return new WorkflowResponse(opened)
  }
)
