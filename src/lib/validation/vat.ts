import { checkVAT, countries } from "jsvat"

export type VatCheck =
  | { ok: true; value: string; country: string | null }
  | { ok: false; message: string }

/** Country prefixes jsvat knows (EU members with "EL" for Greece, GB, CH, NO, …). */
const SUPPORTED = new Set(
  [...countries.map((c) => c.codes[0]), "EL"]
)

/**
 * Checks a VAT number's format and check digits. Numbers with a prefix jsvat
 * supports (EU member states, the UK, Switzerland, Norway, …) must pass
 * jsvat's country rule; other numbers must look like a tax number: an
 * optional two-letter country prefix then 4 to 20 letters and digits.
 * Spaces, dots and dashes are removed and letters upper-cased.
 */
export function checkVatNumber(input: string): VatCheck {
  const value = input.replace(/[\s.\-]/g, "").toUpperCase()
  if (!value) return { ok: false, message: "Enter a VAT number" }
  const prefix = value.slice(0, 2)
  if (/^[A-Z]{2}$/.test(prefix) && SUPPORTED.has(prefix)) {
    const result = checkVAT(value, countries)
    if (!result.isValid) {
      const name = result.country?.name ?? prefix
      return {
        ok: false,
        message: `"${input}" is not a valid ${name} VAT number (check the digits)`,
      }
    }
    return { ok: true, value, country: result.country?.isoCode.short ?? prefix }
  }
  if (!/^([A-Z]{2})?[A-Z0-9]{4,20}$/.test(value)) {
    return {
      ok: false,
      message: `"${input}" is not a VAT number: use the country prefix and number, e.g. DE136695976 or GB980780684`,
    }
  }
  return { ok: true, value, country: /^[A-Z]{2}/.test(value) ? prefix : null }
}
