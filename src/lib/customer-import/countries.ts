import { countryName, isCountryCode } from "../validation/profile"

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
