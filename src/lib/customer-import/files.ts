/**
 * CSV files of the import: the sample `Customers.csv`, the backup of the
 * customers an import updates, and the failed rows with an "Error" column.
 * Each writes through a `write(chunk)` callback page by page (constant
 * memory); UTF-8 with BOM so spreadsheets open them as UTF-8.
 */
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { csvRow } from "../csv"
import { EXPORT_COLUMNS, IMPORT_COLUMNS } from "../customer-io/columns"
import { loadCustomerFileRows } from "../customer-io/customer-rows"

const BOM = "\uFEFF"
const PAGE = 1000

export type Write = (chunk: string) => Promise<void> | void

/** Every importable column, two example rows. */
export function sampleCsv(): string {
  return (
    BOM +
    csvRow(IMPORT_COLUMNS.map((c) => c.label)) +
    csvRow(IMPORT_COLUMNS.map((c) => c.examples[0])) +
    csvRow(IMPORT_COLUMNS.map((c) => c.examples[1]))
  )
}

/**
 * The customers the run will update, as they are now, in the export format
 * (re-importing the backup restores them). Returns how many were written.
 */
export async function writeBackup(knex: Knex, runId: string, write: Write): Promise<number> {
  await write(BOM + csvRow(EXPORT_COLUMNS.map((c) => c.label)))
  let after = 0
  let written = 0
  for (;;) {
    const page = await knex("import_row")
      .where({ run_id: runId, action: "update", excluded: false })
      .whereNull("deleted_at")
      .whereNotNull("customer_id")
      .andWhere("row_number", ">", after)
      .orderBy("row_number")
      .limit(PAGE)
      .select("row_number", "customer_id")
    if (!page.length) break
    const current = await loadCustomerFileRows(knex, page.map((r) => r.customer_id))
    let text = ""
    for (const r of page) {
      const row = current.get(r.customer_id)
      if (!row) continue
      text += csvRow(EXPORT_COLUMNS.map((c) => row[c.key] ?? ""))
      written++
    }
    await write(text)
    after = page[page.length - 1].row_number
  }
  return written
}

/**
 * The rows that failed: the file's own columns (with the merchant's edits)
 * plus "Error" = "Row N: reason", N being the row the spreadsheet showed.
 */
export async function writeFailedRows(knex: Knex, runId: string, write: Write): Promise<number> {
  const run = await knex("import_run").where({ id: runId }).first("headers", "mapping")
  const headers: string[] = (run?.headers as string[]) ?? []
  const mapping: { column: string | null }[] = (run?.mapping as { column: string | null }[]) ?? []
  await write(BOM + csvRow([...headers, "Error"]))
  let after = 0
  let written = 0
  for (;;) {
    const page = await knex("import_row")
      .where({ run_id: runId, result: "failed" })
      .whereNull("deleted_at")
      .andWhere("row_number", ">", after)
      .orderBy("row_number")
      .limit(PAGE)
      .select("row_number", "raw", "values", "edited", "fail_reason")
    if (!page.length) break
    let text = ""
    for (const r of page) {
      const raw = (r.raw as string[]) ?? []
      const values = (r.values as Record<string, string>) ?? {}
      const cells = headers.map((_, i) => {
        const column = mapping[i]?.column
        return r.edited && column && values[column] !== undefined ? values[column] : raw[i] ?? ""
      })
      text += csvRow([...cells, `Row ${r.row_number}: ${r.fail_reason ?? "failed"}`])
      written++
    }
    await write(text)
    after = page[page.length - 1].row_number
  }
  return written
}
