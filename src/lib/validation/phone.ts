import {
  parsePhoneNumberFromString,
  isSupportedCountry,
  type CountryCode,
} from "libphonenumber-js/max"

/**
 * The country (or countries, tried in order) a number typed without an
 * international prefix is read in: the plugin option when set, else the
 * countries of the store's default region (src/lib/validation/phone-country.ts).
 */
export type PhoneCountries = string | readonly string[]

export type PhoneResult =
  | { ok: true; value: string | null; original: string | null; country?: string }
  | { ok: false; message: string }

/**
 * Validates a phone number as typed and normalises it to E.164. A number
 * without an international prefix is read in each of `countries`: valid in
 * exactly one, it is that country's; valid in several (a region of many
 * countries), it is refused with a request for the country code.
 */
export function validatePhone(
  raw: unknown,
  countries: PhoneCountries = "US"
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
  const list = (typeof countries === "string" ? [countries] : [...countries])
    .map((c) => c.toUpperCase())
    .filter((c) => isSupportedCountry(c))
  const text = original.startsWith("00") ? `+${original.slice(2)}` : original
  const found = new Map<string, { value: string; country?: string }>()
  for (const country of list.length ? list : [undefined]) {
    const parsed = parsePhoneNumberFromString(text, country as CountryCode | undefined)
    if (parsed && parsed.isValid() && !found.has(parsed.number)) {
      found.set(parsed.number, { value: parsed.number, country: parsed.country })
    }
  }
  if (found.size === 1) {
    const [only] = found.values()
    return { ok: true, value: only.value, original, country: only.country }
  }
  if (found.size > 1) {
    // a national number that exists in several of the region's countries: never guess
    const options = [...found.values()]
    return {
      ok: false,
      message: `"${original}" could be a number in ${options.map((o) => o.country).join(" or ")}: add the country code (${options
        .map((o) => o.value.slice(0, 3) + "…")
        .join(" or ")})`,
    }
  }
  const where = list.length > 3 ? `${list.slice(0, 3).join(", ")}…` : list.join(" or ")
  return {
    ok: false,
    message: `"${original}" is not a valid phone number${
      original.startsWith("+") || !where ? "" : ` for ${where} (add the country code, e.g. +44…)`
    }`,
  }
}
