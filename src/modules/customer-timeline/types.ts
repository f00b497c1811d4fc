export type TimelineActorType = "user" | "customer" | "system" | "import" | string

export type TimelineChange = { field: string; old: unknown; new: unknown }

export type TimelineEntryInput = {
  customer_id: string
  /** "<area>.<verb>", e.g. note.created, profile.updated, points.earned */
  kind: string
  summary: string
  data?: Record<string, unknown> | null
  actor_type?: TimelineActorType
  actor_id?: string | null
}

/** Kinds the admin filter offers; any other kind is accepted too. */
export const TIMELINE_KINDS = [
  "customer.created",
  "profile.updated",
  "category.changed",
  "store.changed",
  "note.created",
  "note.updated",
  "note.deleted",
  "consent.changed",
  "customer.deleted",
  "customer.restored",
  "customer.imported",
  "customer.import_undone",
  "house_account.charged",
  "house_account.refunded",
  "house_account.payment",
  "house_account.adjusted",
] as const

/** Core customer fields the snapshot compares. */
export const SNAPSHOT_FIELDS = [
  "first_name",
  "last_name",
  "email",
  "phone",
  "company_name",
] as const
