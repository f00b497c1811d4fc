/**
 * Countries: ISO 3166-1 alpha-2 codes, their English names, and reading a
 * country typed as a code or a name ("FR", "fr", "France", "UK"). Shared by
 * the API's validators, the customer import and the admin's country picker
 * (no server dependency).
 */
const regionNames = new Intl.DisplayNames(["en"], { type: "region" })

/** ISO 3166-1 alpha-2 officially assigned codes (249), plus XK (Kosovo, in common use). */
const COUNTRY_CODES = new Set(
  ("AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW XK").split(" ")
)

/** ISO 3166-1 alpha-2, upper-cased; unknown codes are refused. */
export function isCountryCode(code: string) {
  return COUNTRY_CODES.has(code)
}

export function countryName(code: string | null | undefined) {
  if (!code) return null
  try {
    return regionNames.of(code) ?? code
  } catch {
    return code
  }
}


/** Every country code with its English name, sorted by name (the admin's country picker). */
export function countryOptions(): { code: string; name: string }[] {
  return [...COUNTRY_CODES]
    .map((code) => ({ code, name: countryName(code) ?? code }))
    .sort((a, b) => a.name.localeCompare(b.name, "en"))
}

/** English country names (and common aliases) → ISO 3166-1 alpha-2. */
const COUNTRY_BY_NAME: Map<string, string> = (() => {
  const map = new Map<string, string>()
  const A = "A".charCodeAt(0)
  for (let i = 0; i < 26; i++) {
    for (let j = 0; j < 26; j++) {
      const code = String.fromCharCode(A + i, A + j)
      if (!isCountryCode(code)) continue
      const name = countryName(code)
      if (name && name !== code) map.set(name.toLowerCase(), code)
    }
  }
  const aliases: Record<string, string> = {
    usa: "US",
    "united states of america": "US",
    america: "US",
    uk: "GB",
    "great britain": "GB",
    britain: "GB",
    england: "GB",
    scotland: "GB",
    wales: "GB",
    "northern ireland": "GB",
    holland: "NL",
    "the netherlands": "NL",
    "czech republic": "CZ",
    "south korea": "KR",
    "republic of korea": "KR",
    russia: "RU",
    "ivory coast": "CI",
  }
  for (const [n, c] of Object.entries(aliases)) map.set(n, c)
  return map
})()

/** "FR", "fr", "France" → "FR"; null when unknown. */
export function parseCountry(value: string): string | null {
  const v = value.trim()
  if (/^[A-Za-z]{2}$/.test(v) && isCountryCode(v.toUpperCase())) return v.toUpperCase()
  return COUNTRY_BY_NAME.get(v.toLowerCase().replace(/\s+/g, " ")) ?? null
}
