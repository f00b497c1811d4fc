import type { EntryKind } from "./models/points-entry"

export type AccountRow = {
  id: string
  customer_id: string
  enrolled: boolean
  enrolled_at: Date | null
  balance: number
  code: string
  /** Never later than the earliest expiry of a lot still holding points. */
  next_expiry_at: Date | null
  created_at: Date
  updated_at: Date
}

export type EntryRow = {
  id: string
  account_id: string
  customer_id: string
  kind: EntryKind
  points: number
  balance_after: number
  reason: string | null
  actor_type: string
  actor_id: string | null
  source_type: string | null
  source_id: string | null
  idempotency_key: string
  lot_id: string | null
  reverses_entry_id: string | null
  reversed: number
  metadata: Record<string, unknown> | null
  created_at: Date
}

/**
 * What a ledger write answers: the entry under the idempotency key, and
 * whether this call wrote it (`replayed: false`) or found it already written
 * by an earlier or concurrent call with the same key (`replayed: true`).
 */
export type LedgerWrite = EntryRow & { replayed: boolean }

export type Actor = {
  reason?: string | null
  actor_type: string
  actor_id?: string | null
  source_type?: string | null
  source_id?: string | null
  idempotency_key: string
  metadata?: Record<string, unknown> | null
}

export type CreditInput = Actor & {
  customer_id: string
  points: number
  kind: "earn" | "manual_add" | "reversal"
  /** When the points were earned (lot expiry counts from it). Default now. */
  earned_at?: Date
}

export type DebitInput = Actor & {
  customer_id: string
  points: number
  kind: "redeem" | "manual_remove" | "reversal"
}

export type ReverseInput = {
  entry_id: string
  /** Default: what is left to reverse of the entry. */
  points?: number
  reason?: string | null
  actor_type: string
  actor_id?: string | null
  idempotency_key: string
  metadata?: Record<string, unknown> | null
}

export type ExpiredCustomer = { customer_id: string; points: number; lots: number }
export type ExpireResult = {
  /** True when the candidates were taken meanwhile: call again. */
  retry?: boolean
  lots: number
  points: number
  customers: ExpiredCustomer[]
}
