import { defaultCurrencies, MathBN } from "@medusajs/framework/utils"

/**
 * Arithmetic of loyalty points at checkout: earning on orders, converting
 * points to a cart discount, proportional reversal on refunds. Money is a
 * Medusa BigNumber in the currency's main unit; points are integers. No
 * floating point: every product/quotient goes through BigNumber and floors
 * are checked by multiplying back.
 */

type BNInput = Parameters<typeof MathBN.convert>[0]

/** Credit lines of point redemptions carry this reference. */
export const POINTS_CREDIT_LINE_REFERENCE = "customer_points"

/** floor(a × b / c) for non-negative a, b and positive c, exactly. */
export function floorMulDiv(a: BNInput, b: BNInput, c: BNInput): number {
  const num = MathBN.mult(a, b)
  const den = MathBN.convert(c)
  if (den.lte(0)) throw new Error("floorMulDiv: divisor must be positive")
  if (num.lte(0)) return 0
  let q = MathBN.div(num, den).integerValue(3 /* ROUND_FLOOR */)
  // The quotient is rounded to 20 decimals: correct the floor exactly.
  while (q.plus(1).times(den).lte(num)) q = q.plus(1)
  while (q.gt(0) && q.times(den).gt(num)) q = q.minus(1)
  return q.toNumber()
}

/** The rate as an exact decimal (options are numbers: go through their shortest string). */
function exact(n: number | string) {
  return MathBN.convert(String(n))
}

/** Points earned on an order total: floor(total × pointsPerCurrencyUnit), never negative. */
export function pointsForTotal(total: BNInput, pointsPerCurrencyUnit: number): number {
  return floorMulDiv(MathBN.max(total ?? 0, 0), exact(pointsPerCurrencyUnit), 1)
}

/** Decimal digits of a currency (2 when unknown). */
export function currencyDecimals(currencyCode: string | null | undefined): number {
  const c = defaultCurrencies[(currencyCode ?? "").toUpperCase()]
  return c?.decimal_digits ?? 2
}

/**
 * The discount `points` buy: points × pointValue, in the currency's main unit,
 * as a decimal string. Null when it is not a whole number of the currency's
 * smallest unit (e.g. 150 points at 0.01 in JPY = 1.5 yen): such a request is
 * refused rather than rounded, so the ledger and the discount always agree.
 */
export function pointsToAmount(points: number, pointValue: number, currencyCode: string): string | null {
  const amount = MathBN.mult(points, exact(pointValue))
  if ((amount.decimalPlaces() ?? 0) > currencyDecimals(currencyCode)) return null
  return amount.toFixed()
}

/** The smallest number of points that converts to a whole currency amount. */
export function pointsStep(pointValue: number, currencyCode: string): number {
  const unit = MathBN.convert(1).shiftedBy(-currencyDecimals(currencyCode))
  // smallest p with p × pointValue a multiple of unit: unit / gcd(unit, pointValue) in integer terms
  const scale = 10 ** 8
  const pv = exact(pointValue).times(scale).integerValue().toNumber()
  const u = unit.times(scale).integerValue().toNumber()
  const gcd = (x: number, y: number): number => (y === 0 ? x : gcd(y, x % y))
  return u / gcd(u, pv)
}

/** The most points a total of `amount` can absorb: floor(amount / pointValue). */
export function maxPointsFor(amount: BNInput, pointValue: number): number {
  if (MathBN.lte(amount ?? 0, 0)) return 0
  return floorMulDiv(amount, 1, exact(pointValue))
}

/**
 * Points to reverse after refunds: cumulatively floor(earned × refunded / basis),
 * capped at `earned`, minus what earlier refunds already reversed.
 */
export function refundReversalDelta(args: {
  earned: number
  refunded: BNInput
  basis: BNInput
  alreadyReversed: number
}): number {
  const { earned, refunded, basis, alreadyReversed } = args
  if (earned <= 0 || MathBN.lte(refunded ?? 0, 0)) return 0
  const target = MathBN.lte(basis ?? 0, 0)
    ? earned
    : Math.min(earned, floorMulDiv(earned, refunded, basis))
  return Math.max(0, target - alreadyReversed)
}
