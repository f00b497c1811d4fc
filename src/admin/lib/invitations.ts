import { apiGet, apiPost } from "./sdk"
import type { InvitationRecord, InviteSkipCode } from "../../types/invitations"

export type { InvitationRecord }

export type InvitationState = {
  invitations: InvitationRecord[]
  invitable: { ok: true } | { ok: false; code: InviteSkipCode; message: string }
}

export type BulkInviteResult = {
  sent: { customer_id: string; invitation_id: string }[]
  skipped: { customer_id: string; code: InviteSkipCode; message: string }[]
}

export const invitationsApi = {
  state: (customerId: string) => apiGet<InvitationState>(`/admin/backoffice/customers/${customerId}/invitations`),
  send: (customerId: string) =>
    apiPost<{ invitation: InvitationRecord }>(`/admin/backoffice/customers/${customerId}/invitations`, {}),
  bulk: (customer_ids: string[]) => apiPost<BulkInviteResult>("/admin/backoffice/invitations", { customer_ids }),
}

export const invitationKeys = {
  all: ["cbo", "invitations"] as const,
  customer: (id: string) => [...invitationKeys.all, id] as const,
}

/** The invitation's state in words, and the badge colour. */
export function invitationStatus(i: InvitationRecord): { label: string; color: "green" | "blue" | "orange" | "grey" } {
  if (i.status === "registered") return { label: "Registered", color: "green" }
  if (i.status === "replaced") return { label: "Replaced", color: "grey" }
  if (i.expired) return { label: "Expired", color: "orange" }
  if (i.status === "opened") return { label: "Link opened", color: "blue" }
  return { label: "Sent", color: "blue" }
}

export const SKIP_LABEL: Record<InviteSkipCode, string> = {
  not_found: "not found",
  deleted: "deleted",
  no_email: "no email address",
  has_account: "already registered",
  forgotten: "forgotten (GDPR)",
}
