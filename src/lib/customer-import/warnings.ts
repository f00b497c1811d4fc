/**
 * Warnings of an import's review: things about the file the merchant should
 * know before importing that are not errors of a row. Computed from what the
 * run stores (headers, mapping, encoding report); shown on the Columns step.
 */
import { encodingLabel } from "../customer-io/encodings"
import type { ImportMapping } from "./validate"

export type DuplicateHeaderWarning = {
  code: "duplicate_header"
  header: string
  /** 1-based positions of the columns carrying the header, in file order. */
  columns: number[]
  /** Their spreadsheet letters (A, B, …, AA). */
  letters: string[]
  message: string
}

export type InvalidBytesWarning = {
  code: "invalid_bytes"
  encoding: string
  rows: number
  first_rows: number[]
  message: string
}

export type ImportWarning = DuplicateHeaderWarning | InvalidBytesWarning

export type EncodingReport = {
  /** What the reader detected (null when the file was only read with a chosen encoding). */
  detected: string | null
  /** The encoding the merchant chose, or null when the detected one is used. */
  chosen: string | null
  invalid_bytes: number
  invalid_rows: number
  first_invalid_rows: number[]
}

/** 1 → A, 27 → AA. */
export function columnLetter(position: number): string {
  let n = position
  let s = ""
  while (n > 0) {
    const r = (n - 1) % 26
    s = String.fromCharCode(65 + r) + s
    n = Math.floor((n - 1) / 26)
  }
  return s
}

function list(items: string[]): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`
}

/**
 * Headers that occur more than once (compared trimmed and case-insensitively,
 * as the automatic matching compares them). The mapping names columns by
 * header, so only one of them can be imported: the warning names the header,
 * its columns and which one is imported.
 */
export function duplicateHeaderWarnings(headers: string[], mapping: ImportMapping | null): DuplicateHeaderWarning[] {
  const groups = new Map<string, number[]>()
  headers.forEach((h, i) => {
    const key = h.trim().toLowerCase()
    if (!key) return // unnamed columns are reported by the mapping ("The column has no header")
    const g = groups.get(key)
    if (g) g.push(i)
    else groups.set(key, [i])
  })
  const warnings: DuplicateHeaderWarning[] = []
  for (const indexes of groups.values()) {
    if (indexes.length < 2) continue
    const header = headers[indexes[0]]
    const columns = indexes.map((i) => i + 1)
    const letters = columns.map(columnLetter)
    const imported = indexes.filter((i) => mapping?.[i]?.column)
    const which =
      imported.length === 1
        ? `only column ${columnLetter(imported[0] + 1)} is imported`
        : imported.length === 0
          ? "none of them is imported"
          : `columns ${list(imported.map((i) => columnLetter(i + 1)))} are imported`
    warnings.push({
      code: "duplicate_header",
      header,
      columns,
      letters,
      message: `The header "${header}" is used by columns ${list(letters)}: ${which}. Give each column its own header in the file to import them separately.`,
    })
  }
  return warnings
}

export function invalidBytesWarning(encoding: string | null, report: EncodingReport | null): InvalidBytesWarning | null {
  if (!report?.invalid_rows) return null
  const rows = report.invalid_rows
  const first = report.first_invalid_rows
  const shown = first.slice(0, 5).join(", ") + (rows > 5 ? ", …" : "")
  return {
    code: "invalid_bytes",
    encoding: encoding ?? "",
    rows,
    first_rows: first,
    message:
      `${rows === 1 ? `Row ${first[0]} has` : `${rows} rows (${shown}) have`} characters that are not ${encodingLabel(encoding)}; ` +
      `they show as � and the values holding them are not imported. Correct or exclude ${rows === 1 ? "it" : "them"}, or choose the file's encoding.`,
  }
}

export function importWarnings(run: {
  headers?: unknown
  mapping?: unknown
  encoding?: string | null
  encoding_report?: unknown
}): ImportWarning[] {
  const warnings: ImportWarning[] = []
  const invalid = invalidBytesWarning(run.encoding ?? null, (run.encoding_report as EncodingReport | null) ?? null)
  if (invalid) warnings.push(invalid)
  if (Array.isArray(run.headers)) {
    warnings.push(...duplicateHeaderWarnings(run.headers as string[], (run.mapping as ImportMapping | null) ?? null))
  }
  return warnings
}
