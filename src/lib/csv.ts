/**
 * CSV writing shared by every export of the plugin.
 *
 * Cells are neutralised against CSV/formula injection as OWASP recommends: a
 * cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is
 * prefixed with a single quote so spreadsheet software shows it as text
 * instead of evaluating it. Then the cell is quoted (RFC 4180) when it holds
 * a comma, a quote or a line break.
 */
const FORMULA_START = /^[=+\-@\t\r]/

export type CsvValue = string | number | boolean | Date | null | undefined

/** Prefixes a value that a spreadsheet would read as a formula with `'`. */
export function neutralizeCsvFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value
}

/** One CSV cell: neutralised, then quoted when needed. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return ""
  let text: string
  if (value instanceof Date) text = value.toISOString()
  else if (typeof value === "number" || typeof value === "boolean") return String(value)
  else text = neutralizeCsvFormula(String(value))
  return /[",\r\n]/.test(text) || FORMULA_START.test(String(value))
    ? `"${text.replace(/"/g, '""')}"`
    : text
}

/** One CSV line, CRLF-terminated (RFC 4180). */
export function csvRow(values: CsvValue[]): string {
  return `${values.map(csvCell).join(",")}\r\n`
}
