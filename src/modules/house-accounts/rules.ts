import { MedusaError } from "@medusajs/framework/utils"
import { randomInt } from "crypto"
import type { HouseAccountJSON, PostEntryInput } from "../../types/house-accounts"

export const ACCOUNT_NUMBER_PATTERN = /^[A-Z0-9][A-Z0-9-]{2,31}$/

/** A charge refused by the credit limit or the per-order maximum (409 with the available credit). */
export class LimitError extends MedusaError {
  readonly available_credit: number
  readonly account_id: string
  constructor(message: string, account: Pick<HouseAccountJSON, "id" | "available_credit">) {
    super(MedusaError.Types.CONFLICT, message)
    this.available_credit = account.available_credit
    this.account_id = account.id
  }
}

export function validateEntry(input: PostEntryInput) {
  const a = input.amount
  if (!Number.isSafeInteger(a) || a === 0) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "amount: a whole number of minor units, not 0")
  }
  if (input.kind === "charge" && a < 0) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "amount: a charge is positive")
  }
  if ((input.kind === "payment" || input.kind === "refund") && a > 0) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `amount: a ${input.kind} lowers the balance (negative)`)
  }
  if (input.kind === "adjustment" && !input.reason?.trim()) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "reason: an adjustment needs a reason")
  }
  if (!input.idempotency_key?.trim()) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "idempotency_key is required")
  }
}

export function assertAmount(v: unknown, field: string, opts: { min: number }) {
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < opts.min) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `${field}: a whole number of minor units${opts.min === 0 ? ", 0 or more" : ", greater than 0"}`
    )
  }
}

export function refuse(message: string) {
  return async (): Promise<never> => {
    throw new Error(message)
  }
}

export function normalizeAccountNumber(s: string) {
  return s.replace(/\s+/g, "").toUpperCase()
}

export function generateAccountNumber() {
  // "HA-" and 8 digits, no leading zero: easy to read out on the phone.
  return `HA-${randomInt(10_000_000, 100_000_000)}`
}

export function isUniqueViolation(e: unknown) {
  // Raw from the driver, or as Medusa's database error mapper words it.
  return (
    (e as { code?: string })?.code === "23505" ||
    /duplicate key value|already exists/.test(String((e as Error)?.message))
  )
}
