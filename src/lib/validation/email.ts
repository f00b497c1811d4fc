/**
 * Email validation shared by every write path (admin, store, CSV import).
 * Pragmatic: one @, a dotted domain with a 2+ letter TLD, no spaces, sane
 * lengths (RFC 5321). Returns the trimmed, domain-lower-cased address or a
 * message for the field.
 */
export type ValidationResult =
  | { ok: true; value: string | null }
  | { ok: false; message: string }

const LOCAL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+$/
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/

export function validateEmail(
  raw: unknown,
  opts: { required?: boolean } = {}
): ValidationResult {
  if (raw === null || raw === undefined || (typeof raw === "string" && raw.trim() === "")) {
    return opts.required
      ? { ok: false, message: "Email is required" }
      : { ok: true, value: null }
  }
  if (typeof raw !== "string") {
    return { ok: false, message: "Email must be text" }
  }
  const email = raw.trim()
  const invalid = (why: string) => ({ ok: false as const, message: `"${email}" is not a valid email address: ${why}` })
  if (email.length > 254) return invalid("at most 254 characters")
  if (/\s/.test(email)) return invalid("it contains a space")
  const at = email.lastIndexOf("@")
  if (at < 0) return invalid("it needs an @ between the name and the domain, as in name@example.com")
  if (at === 0) return invalid("nothing before the @")
  if (at === email.length - 1) return invalid("nothing after the @")
  const local = email.slice(0, at)
  const domain = email.slice(at + 1).toLowerCase()
  if (local.includes("@")) return invalid("it has more than one @")
  if (local.length > 64) return invalid("at most 64 characters before the @")
  if (!LOCAL.test(local)) {
    // Medusa (its admin and store APIs) accepts plain ASCII addresses only
    if (/[^\x00-\x7f]/.test(local)) {
      const plain = unaccented(local)
      return invalid(
        `Medusa accepts only unaccented letters before the @ — e.g. ${plain || "garcia"}, not ${local}`
      )
    }
    const bad = [...new Set(local.replace(/[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]/g, ""))].join(" ")
    return invalid(`these characters are not allowed before the @: ${bad}`)
  }
  if (local.startsWith(".") || local.endsWith(".") || local.includes("..")) {
    return invalid("the part before the @ cannot start or end with a dot or have two dots in a row")
  }
  if (/[^\x00-\x7f]/.test(domain)) {
    return invalid(
      `Medusa accepts only unaccented domains — write it as the mail provider does (e.g. ${unaccented(domain)} or its xn-- form), not ${domain}`
    )
  }
  const labels = domain.split(".")
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l)) || !/^[a-z]{2,}$/.test(labels[labels.length - 1])) {
    return invalid(`"${domain}" is not a domain such as example.com`)
  }
  return { ok: true, value: `${local}@${domain}` }
}

/** "garcía" → "garcia": accents removed (letters without an ASCII form are dropped). */
function unaccented(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\x00-\x7f]/g, "")
}

/** Normalised form used to compare addresses (bounces, duplicates). */
export function emailKey(email: string): string {
  return email.trim().toLowerCase()
}
