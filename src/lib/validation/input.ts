/**
 * The input rules every string and date the plugin accepts goes through, in
 * one place: HTTP bodies, query strings, multipart fields and path segments
 * (the global guard in src/api/utils/input-guard.ts), the zod validators
 * (`dateInput`, `singleLine`) and the cells of a customer import.
 *
 * Text: refused are C0 control characters (U+0000–U+001F) but TAB, LF and CR,
 * DEL and the C1 controls (U+007F–U+009F), and the bidirectional overrides
 * and isolates U+202A–U+202E, U+2066–U+2069 (they make "evil.exe" look like
 * "exe.live" in a list). TAB, LF and CR are allowed only in multi-line texts
 * (notes, descriptions, reasons, metadata); every other field is one line.
 *
 * Dates: the years 1900 to 2200 (what a merchant can mean and PostgreSQL
 * stores without surprise), written YYYY-MM-DD or as an ISO 8601 date-time,
 * and a real calendar day.
 */
import { z } from "@medusajs/framework/zod"

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/
const LINE_BREAK = /[\t\n\r\u2028\u2029]/
const BIDI = /[\u202A-\u202E\u2066-\u2069]/

const codePoint = (ch: string) =>
  `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`

/** Why a string is refused, or null when it is fine. */
export function textProblem(value: string, opts: { multiLine?: boolean } = {}): string | null {
  const control = CONTROL.exec(value)
  if (control) return `contains a control character (${codePoint(control[0])}), which is not allowed`
  const bidi = BIDI.exec(value)
  if (bidi) {
    return `contains a bidirectional override or isolate (${codePoint(bidi[0])}), which is not allowed`
  }
  if (!opts.multiLine) {
    const br = LINE_BREAK.exec(value)
    if (br) return `must be a single line (no tab or line break, found ${codePoint(br[0])})`
  }
  return null
}

/** Fields (by their last key, or anything under them) that may hold several lines. */
const MULTI_LINE_KEYS = new Set(["body", "description", "reason", "note", "metadata", "additional_data"])

export type TextFieldProblem = { field: string; message: string }

/**
 * Walks a parsed body, query string or form (objects, arrays, keys too) and
 * returns the first string the rules refuse, with its field path
 * (`values.first_name`, `ids.2`).
 */
export function findTextProblem(
  input: unknown,
  path: string[] = [],
  multiLine = false,
  depth = 0
): TextFieldProblem | null {
  const field = () => path.join(".") || "(body)"
  if (typeof input === "string") {
    const message = textProblem(input, { multiLine })
    return message ? { field: field(), message } : null
  }
  if (depth > 32 || input === null || typeof input !== "object") return null
  const entries = Array.isArray(input)
    ? input.map((v, i) => [String(i), v] as const)
    : Object.entries(input as Record<string, unknown>)
  for (const [key, value] of entries) {
    // keys may be a file's column headers, which can span lines
    const keyProblem = Array.isArray(input) ? null : textProblem(key, { multiLine: true })
    if (keyProblem) return { field: [...path, key].join("."), message: `The field name ${keyProblem}` }
    const found = findTextProblem(
      value,
      [...path, key],
      multiLine || (!Array.isArray(input) && MULTI_LINE_KEYS.has(key)),
      depth + 1
    )
    if (found) return found
  }
  return null
}

/** A single-line string field (names, codes, searches): the text rules without tab or line break. */
export const singleLine = (schema: z.ZodString = z.string()) =>
  schema.superRefine((s, ctx) => {
    const message = textProblem(s)
    if (message) ctx.addIssue({ code: "custom", message })
  })

export const DATE_MIN_YEAR = 1900
export const DATE_MAX_YEAR = 2200

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/

export type ParsedDate =
  | { ok: true; date: Date; dateOnly: boolean; day: string }
  | { ok: false; message: string }

/**
 * A date as YYYY-MM-DD (00:00 UTC) or an ISO 8601 date-time; the day must
 * exist and the year lie in 1900–2200.
 */
export function parseDateInput(raw: string): ParsedDate {
  const s = raw.trim()
  const m = ISO.exec(s)
  const invalid = { ok: false as const, message: "must be a date (YYYY-MM-DD) or an ISO date-time" }
  if (!m) return invalid
  const [y, mo, d] = [+m[1], +m[2], +m[3]]
  const day = new Date(Date.UTC(y, mo - 1, d))
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d) {
    return { ok: false, message: `${m[1]}-${m[2]}-${m[3]} is not a day of the calendar` }
  }
  if (y < DATE_MIN_YEAR || y > DATE_MAX_YEAR) {
    return { ok: false, message: `must be between ${DATE_MIN_YEAR} and ${DATE_MAX_YEAR}` }
  }
  const dateOnly = m[4] === undefined
  if (!dateOnly && (+m[4] > 23 || +m[5] > 59 || (m[6] !== undefined && +m[6] > 59))) return invalid
  const date = dateOnly ? day : new Date(s.replace(" ", "T"))
  if (Number.isNaN(date.getTime())) return invalid
  return { ok: true, date, dateOnly, day: `${m[1]}-${m[2]}-${m[3]}` }
}

/**
 * A date filter or timestamp in a query or body. With `endOfDay`, a plain
 * date stands for the whole day: the result is the next day's 00:00 UTC
 * (use it as an exclusive upper bound) — or, with `inclusive`, that minus 1 ms.
 */
export const dateInput = (opts: { endOfDay?: boolean; inclusive?: boolean } = {}) =>
  z.string().transform((s, ctx) => {
    const r = parseDateInput(s)
    if (!r.ok) {
      ctx.addIssue({ code: "custom", message: r.message })
      return z.NEVER
    }
    if (opts.endOfDay && r.dateOnly) {
      return new Date(r.date.getTime() + 86_400_000 - (opts.inclusive ? 1 : 0))
    }
    return r.date
  })
