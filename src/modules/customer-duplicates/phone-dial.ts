import { getCountries, getCountryCallingCode, getExampleNumber } from "libphonenumber-js/max"
import examples from "libphonenumber-js/mobile/examples"

/**
 * Per country (lower-case ISO code): its calling code and the trunk prefix
 * written before a national number ("0" in the UK, France or Germany; none
 * in Italy or Spain, where the leading digit belongs to the number), from
 * libphonenumber's metadata: the country's example mobile number written the
 * national way, minus its national significant number.
 */
export function dialCodes(): Record<string, [string, string]> {
  const out: Record<string, [string, string]> = {}
  for (const country of getCountries()) {
    const code = getCountryCallingCode(country)
    let trunk = ""
    const example = getExampleNumber(country, examples)
    if (example) {
      const national = example.formatNational().replace(/\D/g, "")
      const nsn = String(example.nationalNumber)
      if (national.length > nsn.length && national.endsWith(nsn)) trunk = national.slice(0, national.length - nsn.length)
    }
    out[country.toLowerCase()] = [String(code), trunk]
  }
  return out
}

export const DIAL_JSON = JSON.stringify(dialCodes())
