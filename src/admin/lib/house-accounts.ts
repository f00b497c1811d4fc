import type {
  HouseAccountJSON,
  HouseAccountStatus,
  HouseEntryJSON,
  HouseEntryKind,
} from "../../types/house-accounts"
import type { HouseStatementJSON } from "../../types/house-account-statements"
import { apiGet, apiPost } from "./sdk"

export type { HouseStatementJSON }

export type { HouseAccountJSON, HouseAccountStatus, HouseEntryJSON, HouseEntryKind }

export const STATUS_META: Record<HouseAccountStatus, { label: string; color: "green" | "orange" | "grey" }> = {
  active: { label: "Active", color: "green" },
  on_hold: { label: "On hold", color: "orange" },
  closed: { label: "Closed", color: "grey" },
}

export const KIND_META: Record<HouseEntryKind, { label: string; color: "blue" | "green" | "purple" | "orange" }> = {
  charge: { label: "Charge", color: "blue" },
  refund: { label: "Refund", color: "purple" },
  payment: { label: "Payment", color: "green" },
  adjustment: { label: "Adjustment", color: "orange" },
}

export const PAYMENT_METHODS = [
  { value: "bank_transfer", label: "Bank transfer" },
  { value: "card", label: "Card" },
  { value: "cash", label: "Cash" },
  { value: "cheque", label: "Cheque" },
  { value: "other", label: "Other" },
] as const

export type AccountListParams = {
  q?: string
  status?: HouseAccountStatus[]
  with_balance?: boolean
  over_limit?: boolean
  customer_id?: string
  limit: number
  offset: number
}
export type EntryListParams = { kind?: HouseEntryKind[]; from?: string; to?: string; limit: number; offset: number }

export type PostEntryBody = {
  kind: "charge" | "payment" | "adjustment"
  amount: number
  method?: string
  reason?: string
  reference?: string
  idempotency_key: string
}

const BASE = "/admin/backoffice/house-accounts"

export const houseAccountKeys = {
  all: ["cbo", "house-accounts"] as const,
  list: (p: AccountListParams) => ["cbo", "house-accounts", "list", p] as const,
  detail: (id: string) => ["cbo", "house-accounts", id, "detail"] as const,
  entries: (id: string, p: EntryListParams) => ["cbo", "house-accounts", id, "entries", p] as const,
  customer: (customerId: string) => ["cbo", "house-accounts", "customer", customerId] as const,
  statements: (id: string, p: { limit: number; offset: number }) => ["cbo", "house-accounts", id, "statements", p] as const,
}

export const houseAccountsApi = {
  list: (p: AccountListParams) =>
    apiGet<{ house_accounts: HouseAccountJSON[]; count: number; limit: number; offset: number }>(BASE, {
      q: p.q,
      status: p.status,
      with_balance: p.with_balance || undefined,
      over_limit: p.over_limit || undefined,
      customer_id: p.customer_id,
      limit: p.limit,
      offset: p.offset,
    }),
  get: (id: string) => apiGet<{ house_account: HouseAccountJSON }>(`${BASE}/${id}`),
  create: (body: {
    name: string
    currency_code: string
    credit_limit: number
    order_limit?: number | null
    account_number?: string
    customer_ids?: string[]
  }) => apiPost<{ house_account: HouseAccountJSON }>(BASE, body),
  update: (
    id: string,
    body: { name?: string; credit_limit?: number; order_limit?: number | null; status?: HouseAccountStatus }
  ) => apiPost<{ house_account: HouseAccountJSON }>(`${BASE}/${id}`, body),
  customers: (id: string, body: { add?: string[]; remove?: string[] }) =>
    apiPost<{ house_account: HouseAccountJSON }>(`${BASE}/${id}/customers`, body),
  entries: (id: string, p: EntryListParams) =>
    apiGet<{ entries: HouseEntryJSON[]; count: number; limit: number; offset: number }>(`${BASE}/${id}/entries`, {
      kind: p.kind,
      from: p.from,
      to: p.to,
      limit: p.limit,
      offset: p.offset,
    }),
  statements: (id: string, p: { limit: number; offset: number }) =>
    apiGet<{ statements: HouseStatementJSON[]; count: number; limit: number; offset: number }>(
      `${BASE}/${id}/statements`,
      p
    ),
  generateStatement: (id: string, body: { from: string; to: string; email?: boolean }) =>
    apiPost<{ statement: HouseStatementJSON }>(`${BASE}/${id}/statements`, body),
  /** Path of a stored statement's file (for downloadFile). */
  statementFile: (id: string, statementId: string, format: "pdf" | "csv") =>
    `${BASE}/${id}/statements/${statementId}/download?format=${format}`,
  post: (id: string, body: PostEntryBody) =>
    apiPost<{ entry: HouseEntryJSON; account: HouseAccountJSON }>(`${BASE}/${id}/entries`, body),
}

/** Decimal places of a currency's minor unit (2 for EUR, 0 for JPY). */
export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency: currency.toUpperCase() }).resolvedOptions()
      .maximumFractionDigits ?? 2
  } catch {
    return 2
  }
}

/** "€12.50" from 1250 minor units. */
export function formatMinor(amount: number, currency: string): string {
  const digits = minorDigits(currency)
  try {
    return new Intl.NumberFormat(undefined, { style: "currency", currency: currency.toUpperCase() }).format(
      amount / 10 ** digits
    )
  } catch {
    return `${(amount / 10 ** digits).toFixed(digits)} ${currency.toUpperCase()}`
  }
}

/**
 * "12.50" typed by staff → 1250 minor units, exactly (string arithmetic, no
 * float rounding). null when it is not a positive amount with at most the
 * currency's decimals.
 */
export function parseMajor(text: string, currency: string, opts: { allowNegative?: boolean; allowZero?: boolean } = {}): number | null {
  const digits = minorDigits(currency)
  const s = text.trim().replace(/[\s,]/g, "")
  const m = /^(-?)(\d+)(?:\.(\d*))?$/.exec(s)
  if (!m) return null
  const [, sign, whole, frac = ""] = m
  if (frac.length > digits) return null
  if (sign && !opts.allowNegative) return null
  const value = Number(whole + frac.padEnd(digits, "0")) * (sign ? -1 : 1)
  if (!Number.isSafeInteger(value)) return null
  if (value === 0 && !opts.allowZero) return null
  return value
}

export function newIdempotencyKey() {
  return `hacc-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`
}
