/** Invitations of in-store customers to register: shared by the API, the workflows and the admin. */

export const INVITED_EVENT = "customer_backoffice.customer.invited"
export const ACCOUNTS_JOINED_EVENT = "customer_backoffice.customer.accounts_joined"

/** The notification template of the invitation (the message's data carries `url`, `token`, `expires_at`). */
export const INVITATION_TEMPLATE = "customer-backoffice-invitation"

/** Most customers one bulk "Send invitation" takes. */
export const INVITE_MAX_BULK = 500

export type InvitationTrigger = "manual" | "on_create" | "on_first_order"

/** What the admin shows of an invitation (never its token). */
export type InvitationRecord = {
  id: string
  customer_id: string
  email: string
  status: "sent" | "opened" | "registered" | "replaced"
  /** true when the link can no longer be used because it expired (status stays "sent"/"opened"). */
  expired: boolean
  trigger: InvitationTrigger
  sent_by: string | null
  created_at: string
  expires_at: string
  opened_at: string | null
  registered_at: string | null
  account_customer_id: string | null
  merge_id: string | null
}

/** Why a customer cannot be invited (bulk answers list them per customer). */
export type InviteSkipCode = "not_found" | "deleted" | "no_email" | "has_account" | "forgotten"

export type InvitedEventData = {
  id: string
  customer_id: string
  invitation_id: string
  trigger: InvitationTrigger
}

export type AccountsJoinedEventData = {
  /** The registered customer that now holds everything. */
  id: string
  customer_id: string
  /** The in-store customer joined into it (soft-deleted, "merged into"). */
  joined_customer_id: string
  invitation_id: string
  merge_id: string
}

/** The background job inviting the new customers of a committed import (option inviteInStoreCustomers "on_create"). */
export const INVITE_IMPORTED_JOB = "invitations.imported"

/** Invitations the import's job sends per batch (one checkpoint and progress update per batch). */
export const INVITE_BATCH_SIZE = 50
