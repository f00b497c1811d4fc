/** Codes: 4–32 letters, digits or dashes, stored upper case without spaces. */
export const ACCOUNT_CODE_PATTERN = /^[A-Z0-9-]{4,32}$/

export function normalizeAccountCode(code: string): string {
  return String(code ?? "").replace(/\s+/g, "").toUpperCase()
}

/**
 * Currency value of `points` when one point is worth `pointValue` (a decimal
 * with at most 6 places), rounded half-up to 6 places — computed on integers.
 */
export function pointsValue(points: number, pointValue: number): number {
  const [int, frac = ""] = String(pointValue).split(".")
  const scaled = BigInt(int + frac.padEnd(6, "0").slice(0, 6))
  const micro = BigInt(Math.trunc(points)) * scaled
  return Number(micro) / 1_000_000
}
