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
  const invalid = { ok: false as const, message: `"${email}" is not a valid email address` }
  if (email.length > 254 || /\s/.test(email)) return invalid
  const at = email.lastIndexOf("@")
  if (at <= 0 || at === email.length - 1) return invalid
  const local = email.slice(0, at)
  const domain = email.slice(at + 1).toLowerCase()
  if (local.length > 64 || !LOCAL.test(local)) return invalid
  if (local.startsWith(".") || local.endsWith(".") || local.includes("..")) return invalid
  const labels = domain.split(".")
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) return invalid
  if (!/^[a-z]{2,}$/.test(labels[labels.length - 1])) return invalid
  return { ok: true, value: `${local}@${domain}` }
}

/** Normalised form used to compare addresses (bounces, duplicates). */
export function emailKey(email: string): string {
  return email.trim().toLowerCase()
}
