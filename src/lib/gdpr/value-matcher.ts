import type { FormerValues } from "./former-values"

/** A JSON string's text as it appears inside `json::text` (quotes and backslashes escaped). */
export const inJson = (v: string) => JSON.stringify(v).slice(1, -1)

/** How COPY's text format writes a value: backslash, control characters and the tab delimiter escaped. */
export function copyOut(v: string): string {
  return v.replace(/[\\\n\r\t\b\f\v]/g, (c) => COPY_ESCAPES[c])
}
const COPY_ESCAPES: Record<string, string> = { "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f", "\v": "\\v" }

/** A COPY text field back to its value (`\N` is SQL NULL: null). */
export function copyIn(field: string): string | null {
  if (field === "\\N") return null
  if (!field.includes("\\")) return field
  return field.replace(/\\(.)/g, (_, c: string) => UNESCAPES[c] ?? c)
}
const UNESCAPES: Record<string, string> = { n: "\n", r: "\r", t: "\t", b: "\b", f: "\f", v: "\v", "\\": "\\" }

/**
 * The former values as they appear in COPY text, lower-cased, and the rules
 * the verification applies to one column's value:
 * - a value of 8 characters or more: found anywhere in the text (in a JSON
 *   column, as a JSON string's text);
 * - a shorter value (4–7 characters): the whole text of a text column (spaces
 *   around it ignored), or a whole JSON string in a JSON column.
 * `inChunk` is the quick first pass over many rows at once: true whenever a
 * row of the chunk may match (a superset), so only those chunks are parsed.
 */
export class FormerValueMatcher {
  private readonly longText: string[]
  private readonly longJson: string[]
  private readonly shortText: Set<string>
  private readonly shortJson: string[]
  /** every needle of the quick pass, without repeats */
  private readonly any: string[]

  constructor(values: FormerValues) {
    const lower = (v: string) => v.toLowerCase()
    this.longText = values.long.map((v) => lower(copyOut(v)))
    this.longJson = values.long.map((v) => lower(copyOut(inJson(v))))
    this.shortText = new Set(values.short.map((v) => lower(v)))
    this.shortJson = values.short.map((v) => lower(copyOut(`"${inJson(v)}"`)))
    const shortRaw = values.short.map((v) => lower(copyOut(v.trim())))
    this.any = [...new Set([...this.longText, ...this.longJson, ...shortRaw, ...this.shortJson])].filter(Boolean)
  }

  get empty() {
    return this.any.length === 0
  }

  /** Whether any former value may be in `lowerChunk` (COPY text, lower-cased). */
  inChunk(lowerChunk: string): boolean {
    for (const n of this.any) if (lowerChunk.includes(n)) return true
    return false
  }

  /** Whether one column's COPY field holds a former value, by the column's rule. */
  inField(field: string, isJson: boolean): boolean {
    if (field === "\\N") return false
    const l = field.toLowerCase()
    if (isJson) return this.longJson.some((n) => l.includes(n)) || this.shortJson.some((n) => l.includes(n))
    if (this.longText.some((n) => l.includes(n))) return true
    if (!this.shortText.size) return false
    const value = copyIn(field)
    return value !== null && this.shortText.has(value.replace(/^ +| +$/g, "").toLowerCase())
  }
}
