/**
 * Medusa hands out amounts as decimals in major units (numbers, or
 * `{ value: "12.345", precision }` raw values). The plugin's APIs answer in
 * integer minor units: converted here from the decimal string, rounded
 * half-up (away from zero) at the currency's digits — never through float
 * multiplication.
 */
export function toMinor(value: unknown, digits: number): number {
  if (value === null || value === undefined) return 0
  let s: string
  if (typeof value === "object") {
    const raw = (value as { value?: unknown; numeric?: unknown }).value ?? (value as { numeric?: unknown }).numeric
    if (raw === undefined) return 0
    s = String(raw)
  } else {
    s = String(value)
  }
  if (/e/i.test(s)) s = Number(s).toFixed(digits + 6)
  const m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(s.trim())
  if (!m) return 0
  const [, sign, int = "", frac = ""] = m
  const padded = frac.padEnd(digits + 1, "0")
  let minor = BigInt((int || "0") + padded.slice(0, digits))
  if (Number(padded[digits]) >= 5) minor += 1n
  const n = Number(minor)
  return sign === "-" && n !== 0 ? -n : n
}

/** Minor units of `points × pointValue` (major units) — integer arithmetic. */
export function pointsValueMinor(points: number, pointValue: number, digits: number): number {
  const [int, frac = ""] = String(pointValue).split(".")
  const micro = BigInt(Math.trunc(points)) * BigInt(int + frac.padEnd(6, "0").slice(0, 6))
  // micro = value × 10^6; minor = value × 10^digits, rounded half-up
  const scale = 10n ** BigInt(6 - Math.min(digits, 6))
  const sign = micro < 0n ? -1n : 1n
  const abs = micro < 0n ? -micro : micro
  return Number(sign * ((abs * 2n + scale) / (scale * 2n)))
}
