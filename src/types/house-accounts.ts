/** House accounts as the API answers them (amounts: integers in minor units). */

export type HouseAccountStatus = "active" | "on_hold" | "closed"
export type HouseEntryKind = "charge" | "refund" | "payment" | "adjustment"

export type HouseAccountJSON = {
  id: string
  account_number: string
  name: string
  currency_code: string
  credit_limit: number
  order_limit: number | null
  /** What the customers owe; below 0 the account is in credit. */
  balance: number
  /** credit_limit - balance, never below 0. */
  available_credit: number
  status: HouseAccountStatus
  customer_ids: string[]
  last_payment_at: string | Date | null
  metadata: Record<string, unknown> | null
  created_at: string | Date
  updated_at: string | Date
}

export type HouseEntryJSON = {
  id: string
  account_id: string
  kind: HouseEntryKind
  /** Signed: > 0 raises what is owed, < 0 lowers it. */
  amount: number
  currency_code: string
  balance_after: number
  method: string | null
  reference: string | null
  reason: string | null
  customer_id: string | null
  actor_type: string
  actor_id: string | null
  source_type: string | null
  source_id: string | null
  idempotency_key: string
  metadata: Record<string, unknown> | null
  created_at: string | Date
}

/** Largest amount the API accepts (a JavaScript number stays exact below it). */
export const MAX_AMOUNT = Number.MAX_SAFE_INTEGER

/** One ledger write (the module's postEntry). */
export type PostEntryInput = {
  account_id: string
  kind: HouseEntryKind
  /** Signed minor units: charge > 0, payment/refund < 0, adjustment ≠ 0. */
  amount: number
  method?: string | null
  reference?: string | null
  reason?: string | null
  customer_id?: string | null
  actor_type: string
  actor_id?: string | null
  source_type?: string | null
  source_id?: string | null
  idempotency_key: string
  metadata?: Record<string, unknown> | null
}
