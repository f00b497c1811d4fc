import type { HouseAccountStatus } from "./models/house-account"
import type { HouseEntryKind } from "./models/house-account-entry"
import type { HouseAccountJSON, HouseEntryJSON, PostEntryInput } from "../../types/house-accounts"

/** The module's transaction (or read) manager: raw SQL with `?` bindings. */
export type Manager = { execute: (sql: string, params?: unknown[]) => Promise<any[]> }

export type CreateAccountInput = {
  account_number?: string | null
  name: string
  currency_code: string
  credit_limit: number
  order_limit?: number | null
  status?: HouseAccountStatus
  metadata?: Record<string, unknown> | null
}

export type UpdateAccountInput = {
  name?: string
  credit_limit?: number
  order_limit?: number | null
  status?: HouseAccountStatus
  metadata?: Record<string, unknown> | null
}

export type { PostEntryInput }

export type PostEntryResult = { entry: HouseEntryJSON; account: HouseAccountJSON; replayed: boolean }

export type AccountFilters = {
  status?: HouseAccountStatus[]
  with_balance?: boolean
  over_limit?: boolean
  q?: string
  customer_id?: string
  id?: string[]
}

export type EntryFilters = { kind?: HouseEntryKind[]; from?: Date; to?: Date }
