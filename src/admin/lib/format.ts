import { parsePhoneNumberFromString } from "libphonenumber-js"
const numberFormat = new Intl.NumberFormat(undefined)

/** 1234 → "1,234" (in the browser's locale). */
/** Decimal digits of a currency's minor unit (Intl; 2 when unknown). */
export function currencyDigits(currency: string | null | undefined): number {
  if (!currency) return 2
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2
  } catch {
    return 2
  }
}

/** An integer amount in minor units as money ("€49.99"); without currency, a plain number. */
export function formatMinor(minor: number, currency: string | null | undefined): string {
  const digits = currencyDigits(currency)
  const major = minor / 10 ** digits
  if (!currency) return major.toFixed(digits)
  try {
    return new Intl.NumberFormat(undefined, { style: "currency", currency }).format(major)
  } catch {
    return `${major.toFixed(digits)} ${currency.toUpperCase()}`
  }
}

export function formatNumber(value: number): string {
  return numberFormat.format(value)
}

const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: "medium",
  timeStyle: "medium",
})

/** Full local date and time, e.g. for a tooltip. */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return ""
  const date = typeof value === "string" ? new Date(value) : value
  return Number.isNaN(date.getTime()) ? "" : dateTimeFormat.format(date)
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" })

/** Local date only, e.g. "Nov 3, 2026". */
export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return ""
  const date = typeof value === "string" ? new Date(value) : value
  return Number.isNaN(date.getTime()) ? "" : dateFormat.format(date)
}

const relativeFormat = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" })

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
]

/** "just now", "3 minutes ago", "yesterday"… relative to `now`. */
export function formatRelative(
  value: string | Date | null | undefined,
  now: number = Date.now()
): string {
  if (!value) return ""
  const date = typeof value === "string" ? new Date(value) : value
  const seconds = Math.round((date.getTime() - now) / 1000)
  if (Number.isNaN(seconds)) return ""
  const abs = Math.abs(seconds)
  if (abs < 45) return "just now"
  for (const [unit, size] of UNITS) {
    if (abs >= size) return relativeFormat.format(Math.round(seconds / size), unit)
  }
  return relativeFormat.format(Math.round(seconds / 60) || -1, "minute")
}

/** Milliseconds → "850 ms", "4.2 s", "3 min 12 s", "2 h 5 min". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return ""
  if (ms < 1000) return `${Math.round(ms)} ms`
  const s = ms / 1000
  if (s < 60) return `${s < 10 ? s.toFixed(1) : Math.round(s)} s`
  const totalSeconds = Math.round(s)
  const minutes = Math.floor(totalSeconds / 60)
  if (minutes < 60) {
    const rest = totalSeconds % 60
    return rest ? `${minutes} min ${rest} s` : `${minutes} min`
  }
  const hours = Math.floor(minutes / 60)
  const restMinutes = minutes % 60
  return restMinutes ? `${hours} h ${restMinutes} min` : `${hours} h`
}

/** "user_01JABCDEFGHXYZ" → "user_01JA…HXYZ" */
export function shortId(id: string, head = 4, tail = 4): string {
  const underscore = id.indexOf("_")
  const prefix = underscore >= 0 ? id.slice(0, underscore + 1) : ""
  const body = id.slice(prefix.length)
  if (body.length <= head + tail + 1) return id
  return `${prefix}${body.slice(0, head)}…${body.slice(-tail)}`
}

/**
 * A stored E.164 phone as people read it ("+44 7949 802957"); anything that does not parse is shown as stored.
 * Search and the API keep E.164.
 */
export function formatPhone(value: string | null | undefined): string {
  if (!value) return ""
  return parsePhoneNumberFromString(value)?.formatInternational() ?? value
}
