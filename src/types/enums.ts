/**
 * Enums stored by the plugin's models and shown by the admin: one list each,
 * imported by the model (src/modules/…/models), the API and the admin
 * (src/admin/lib).
 */

/** A background job's status (backoffice_job.status). */
export const JOB_STATUSES = ["queued", "active", "retrying", "completed", "failed", "cancelled"] as const
export type JobStatus = (typeof JOB_STATUSES)[number]

/** A points ledger entry's kind (points_entry.kind). */
export const ENTRY_KINDS = ["earn", "manual_add", "redeem", "manual_remove", "expire", "reversal"] as const
export type EntryKind = (typeof ENTRY_KINDS)[number]

/** A mailing-list subscription's status (mailing_subscription.status). */
export const SUBSCRIPTION_STATUSES = ["pending", "confirmed", "unsubscribed"] as const
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number]

/** How a subscription status reads to a merchant: the badge and the consent history say the same words. */
export const SUBSCRIPTION_STATUS_LABELS: Record<SubscriptionStatus, string> = {
  pending: "Awaiting confirmation",
  confirmed: "Subscribed",
  unsubscribed: "Unsubscribed",
}
