/** Decimal places of a currency's minor unit (2 for EUR, 0 for JPY). */
export function minorDigits(currencyCode: string): number {
  try {
    return (
      new Intl.NumberFormat("en", { style: "currency", currency: currencyCode.toUpperCase() }).resolvedOptions()
        .maximumFractionDigits ?? 2
    )
  } catch {
    return 2
  }
}

/** "12.50 EUR" from 1250 minor units (exact: integer arithmetic, no floats). */
export function formatMinor(amount: number, currencyCode: string): string {
  const digits = minorDigits(currencyCode)
  const sign = amount < 0 ? "-" : ""
  const abs = String(Math.abs(amount))
  const code = currencyCode.toUpperCase()
  if (!digits) return `${sign}${abs} ${code}`
  const padded = abs.padStart(digits + 1, "0")
  return `${sign}${padded.slice(0, -digits)}.${padded.slice(-digits)} ${code}`
}
