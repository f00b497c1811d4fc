import { apiGet, apiPost } from "./sdk"

import { ENTRY_KINDS, type EntryKind } from "../../types/enums"

export { ENTRY_KINDS, type EntryKind }

export const ENTRY_KIND_META: Record<EntryKind, { label: string; color: "green" | "blue" | "orange" | "grey" | "red" | "purple" }> = {
  earn: { label: "Earned", color: "green" },
  manual_add: { label: "Added", color: "blue" },
  redeem: { label: "Redeemed", color: "purple" },
  manual_remove: { label: "Removed", color: "orange" },
  expire: { label: "Expired", color: "grey" },
  reversal: { label: "Reversal", color: "red" },
}

export type LoyaltyState = {
  customer_id: string
  account_id: string | null
  enrolled: boolean
  enrolled_at: string | null
  code: string | null
  balance: number
  value: number
  currency_code: string | null
  expiring_soon: number
  expiring_soon_days: number
  next_expiry: { points: number; expires_at: string } | null
  point_value: number
  expiry_days: number
}

export type PointsEntry = {
  id: string
  kind: EntryKind
  points: number
  balance_after: number
  reason: string | null
  actor_type: string
  actor_id: string | null
  actor_name: string | null
  source_type: string | null
  source_id: string | null
  reverses_entry_id: string | null
  created_at: string
}

export type HistoryParams = { kind?: EntryKind[]; from?: string; to?: string; limit: number; offset: number }

export const loyaltyKeys = {
  card: (id: string) => ["cbo", "loyalty", id, "card"] as const,
  history: (id: string) => ["cbo", "loyalty", id, "history"] as const,
}

export const loyaltyApi = {
  card: (id: string) => apiGet<{ loyalty: LoyaltyState }>(`/admin/backoffice/customers/${id}/loyalty`),
  update: (id: string, body: { enrolled?: boolean; code?: string }) =>
    apiPost<{ loyalty: LoyaltyState }>(`/admin/backoffice/customers/${id}/loyalty`, body),
  adjust: (
    id: string,
    body: { direction: "add" | "remove"; points: number; reason: string; idempotency_key: string }
  ) => apiPost<{ entry: PointsEntry; loyalty: LoyaltyState }>(`/admin/backoffice/customers/${id}/loyalty/adjustments`, body),
  history: (id: string, p: HistoryParams) =>
    apiGet<{ entries: PointsEntry[]; count: number; limit: number; offset: number }>(
      `/admin/backoffice/customers/${id}/loyalty/history`,
      { kind: p.kind, from: p.from, to: p.to, limit: p.limit, offset: p.offset }
    ),
  expireNow: () => apiPost<{ job: { id: string; status: string } }>(`/admin/backoffice/loyalty/expire`, {}),
}

/** "€12.50" in the store currency (or a plain number without one). */
export function formatMoney(value: number, currency: string | null): string {
  if (!currency) return value.toLocaleString(undefined, { maximumFractionDigits: 2 })
  try {
    return new Intl.NumberFormat(undefined, { style: "currency", currency: currency.toUpperCase() }).format(value)
  } catch {
    return `${value.toFixed(2)} ${currency.toUpperCase()}`
  }
}

export function newIdempotencyKey(): string {
  const c = globalThis.crypto as Crypto | undefined
  return c?.randomUUID ? c.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`
}
