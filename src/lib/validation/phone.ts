import {
  parsePhoneNumberFromString,
  isSupportedCountry,
  type CountryCode,
} from "libphonenumber-js/max"

export type PhoneResult =
  | { ok: true; value: string | null; original: string | null; country?: string }
  | { ok: false; message: string }

/**
 * Validates a phone number as typed and normalises it to E.164. Numbers
 * without an international prefix are read in `defaultCountry`.
 */
export function validatePhone(
  raw: unknown,
  defaultCountry = "US"
): PhoneResult {
  if (raw === null || raw === undefined || (typeof raw === "string" && raw.trim() === "")) {
    return { ok: true, value: null, original: null }
  }
  if (typeof raw !== "string") {
    return { ok: false, message: "Phone must be text" }
  }
  const original = raw.trim()
  if (original.length > 40) {
    return { ok: false, message: "Phone number is too long" }
  }
  const country = defaultCountry.toUpperCase()
  const parsed = parsePhoneNumberFromString(
    original.startsWith("00") ? `+${original.slice(2)}` : original,
    isSupportedCountry(country) ? (country as CountryCode) : undefined
  )
  if (!parsed || !parsed.isValid()) {
    return {
      ok: false,
      message: `"${original}" is not a valid phone number${
        original.startsWith("+") ? "" : ` for ${country} (add the country code, e.g. +44…)`
      }`,
    }
  }
  return { ok: true, value: parsed.number, original, country: parsed.country }
}
