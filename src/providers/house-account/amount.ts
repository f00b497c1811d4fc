import { MathBN, MedusaError } from "@medusajs/framework/utils"
import { minorDigits } from "../../modules/house-accounts/money"

/**
 * Medusa hands payment providers amounts in major units (a number, a decimal
 * string, a BigNumber or its raw `{ value, precision }`). The ledger keeps
 * integers in minor units: 109.99 USD → 10999, 1500 JPY → 1500. Sub-minor
 * fractions (tax rounding) are rounded half up, never truncated by a float.
 */
export function toMinor(amount: unknown, currencyCode: string): number {
  let bn
  try {
    bn = amount == null ? null : MathBN.convert(amount as any)
  } catch {
    bn = null
  }
  if (!bn || !bn.isFinite()) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `amount: ${String(amount)} is not an amount`)
  }
  const minor = bn.shiftedBy(minorDigits(currencyCode)).decimalPlaces(0, 4 /* ROUND_HALF_UP */)
  const n = minor.toNumber()
  if (!Number.isSafeInteger(n)) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `amount: ${bn.toString()} is out of range`)
  }
  return n
}

/** 10999 USD → 109.99 (for the amounts a provider reports back to Medusa). */
export function fromMinor(amount: number, currencyCode: string): number {
  return MathBN.convert(amount).shiftedBy(-minorDigits(currencyCode)).toNumber()
}
