import { apiDelete, apiGet, apiPost } from "./sdk"
import { SUBSCRIPTION_STATUS_LABELS, type SubscriptionStatus } from "../../types/enums"

export type { SubscriptionStatus }

export const NOTE_MAX_LENGTH = 10_000

export type CustomerNote = {
  id: string
  customer_id: string
  body: string
  pinned: boolean
  author_id: string | null
  author_name: string | null
  updated_by: string | null
  updated_by_name: string | null
  created_at: string
  updated_at: string
}

export type NoteRevision = {
  id: string
  body: string
  written_by: string | null
  written_by_name: string | null
  replaced_by: string | null
  replaced_by_name: string | null
  created_at: string
}


export type Subscription = {
  id: string
  customer_group_id: string
  category_name: string | null
  status: SubscriptionStatus
  confirmed_at: string | null
  unsubscribed_at: string | null
  token_expires_at: string | null
  created_at: string
  updated_at: string
}

export type ConsentState = {
  customer_id: string
  marketing_opt_out: boolean
  subscriptions: Subscription[]
}

export type ConsentEvent = {
  id: string
  kind: "opt_out" | "subscription"
  subject: string | null
  old_value: string | null
  new_value: string
  source: "admin" | "storefront" | "import" | "system"
  actor_id: string | null
  actor_name: string | null
  category_name: string | null
  description: string
  created_at: string
}

export type TimelineEntry = {
  id: string
  customer_id: string
  kind: string
  summary: string
  data: { changes?: { field: string; old: unknown; new: unknown }[] } & Record<string, unknown> | null
  actor_type: string
  actor_id: string | null
  actor_name: string
  created_at: string
}

export const engagementKeys = {
  notes: (id: string) => ["cbo", "customer", id, "notes"] as const,
  revisions: (id: string, noteId: string) => ["cbo", "customer", id, "notes", noteId, "revisions"] as const,
  consent: (id: string) => ["cbo", "customer", id, "consent"] as const,
  consentHistory: (id: string) => ["cbo", "customer", id, "consent-history"] as const,
  timeline: (id: string) => ["cbo", "customer", id, "timeline"] as const,
  customer: (id: string) => ["cbo", "customer", id] as const,
}

const base = (id: string) => `/admin/backoffice/customers/${id}`

export const engagementApi = {
  notes: (id: string) => apiGet<{ notes: CustomerNote[]; count: number }>(`${base(id)}/notes`),
  addNote: (id: string, body: { body: string; pinned?: boolean }) =>
    apiPost<{ note: CustomerNote }>(`${base(id)}/notes`, body),
  updateNote: (id: string, noteId: string, body: { body?: string; pinned?: boolean }) =>
    apiPost<{ note: CustomerNote }>(`${base(id)}/notes/${noteId}`, body),
  deleteNote: (id: string, noteId: string) => apiDelete(`${base(id)}/notes/${noteId}`),
  revisions: (id: string, noteId: string) =>
    apiGet<{ revisions: NoteRevision[]; count: number }>(`${base(id)}/notes/${noteId}/revisions`),
  consent: (id: string) => apiGet<{ consent: ConsentState }>(`${base(id)}/consent`),
  setOptOut: (id: string, marketing_opt_out: boolean) =>
    apiPost<{ consent: ConsentState }>(`${base(id)}/consent`, { marketing_opt_out }),
  setSubscription: (id: string, customer_group_id: string, status: SubscriptionStatus) =>
    apiPost(`${base(id)}/subscriptions`, { customer_group_id, status }),
  unsubscribeAll: (id: string) => apiPost<{ consent: ConsentState }>(`${base(id)}/unsubscribe-all`, {}),
  consentHistory: (id: string, limit: number) =>
    apiGet<{ events: ConsentEvent[]; count: number }>(`${base(id)}/consent-history`, { limit }),
  timeline: (id: string, q: { kind?: string; limit: number; offset: number }) =>
    apiGet<{ entries: TimelineEntry[]; count: number }>(`${base(id)}/timeline`, q),
}

export const SUBSCRIPTION_META: Record<
  SubscriptionStatus,
  { label: string; color: "green" | "orange" | "grey" }
> = {
  confirmed: { label: SUBSCRIPTION_STATUS_LABELS.confirmed, color: "green" },
  pending: { label: SUBSCRIPTION_STATUS_LABELS.pending, color: "orange" },
  unsubscribed: { label: SUBSCRIPTION_STATUS_LABELS.unsubscribed, color: "grey" },
}

export const SOURCE_LABEL: Record<string, string> = {
  admin: "Admin",
  storefront: "Storefront",
  import: "Import",
  system: "System",
}

export const TIMELINE_KIND_LABEL: Record<string, string> = {
  "customer.created": "Customer created",
  "profile.updated": "Profile",
  "category.changed": "Categories",
  "store.changed": "Stores",
  "note.created": "Note added",
  "note.updated": "Note edited",
  "note.deleted": "Note deleted",
  "consent.changed": "Consent",
  "customer.deleted": "Deleted",
  "customer.restored": "Restored",
  "customer.imported": "Imported",
  "customer.import_undone": "Import undone",
  "points.earned": "Points earned",
  "points.redeemed": "Points redeemed",
  "points.reversed": "Points taken back",
  "points.restored": "Points given back",
  "customer.invited": "Invitation sent",
  "customer.invitation_opened": "Invitation opened",
  "customer.accounts_joined": "Accounts joined",
  "customer.merged": "Merged",
  "customer.merge_undone": "Merge undone",
  "points.added": "Points added",
  "points.removed": "Points removed",
  "loyalty.updated": "Loyalty",
}

/** Filter groups offered by the timeline widget. */
export const TIMELINE_FILTERS: { value: string; label: string; kinds?: string[] }[] = [
  { value: "all", label: "All changes" },
  { value: "profile", label: "Profile", kinds: ["profile.updated", "customer.created"] },
  { value: "categories", label: "Categories and stores", kinds: ["category.changed", "store.changed"] },
  { value: "notes", label: "Notes", kinds: ["note.created", "note.updated", "note.deleted"] },
  { value: "consent", label: "Consent", kinds: ["consent.changed"] },
  { value: "lifecycle", label: "Deleted and restored", kinds: ["customer.deleted", "customer.restored"] },
  { value: "imports", label: "Imports", kinds: ["customer.imported", "customer.import_undone"] },
  {
    value: "invitations",
    label: "Invitations and merges",
    kinds: ["customer.invited", "customer.invitation_opened", "customer.accounts_joined", "customer.merged", "customer.merge_undone"],
  },
  {
    value: "points",
    label: "Loyalty points",
    kinds: ["points.earned", "points.redeemed", "points.reversed", "points.restored", "points.added", "points.removed"],
  },
]

export function displayValue(v: unknown): string {
  if (v === null || v === undefined || v === "") return "—"
  if (typeof v === "boolean") return v ? "Yes" : "No"
  if (typeof v === "object") return JSON.stringify(v)
  const s = String(v)
  return s.length > 120 ? `${s.slice(0, 119)}…` : s
}
