import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import JSZip from "jszip"
import type { DataExportResult } from "../../types/gdpr"
import { tablesFor } from "../customer-data"
import type { CustomerFileStore } from "../customer-files"
import { csvRow, type CsvValue } from "../csv"
import { findCustomerRows, loadColumns, q } from "./places"

export const DATA_EXPORT_CONTENT_TYPE = "application/zip"

const cell = (v: unknown): CsvValue =>
  v === null || v === undefined
    ? null
    : v instanceof Date
      ? v.toISOString()
      : typeof v === "object"
        ? JSON.stringify(v)
        : (v as CsvValue)

/** Rows of one table as CSV: a header of the columns, one line per row (JSON values as JSON text). */
export function toCsv(rows: Record<string, unknown>[]): string {
  if (!rows.length) return ""
  const headers = Object.keys(rows[0])
  return [csvRow(headers), ...rows.map((r) => csvRow(headers.map((h) => cell(r[h]))))].join("")
}

/**
 * Everything held about a customer, per the registry's export rules: every
 * table whose rule is "include", the customer's rows with every column but
 * secrets (password and token hashes).
 */
export async function collectCustomerData(knex: Knex, customerId: string) {
  const columns = await loadColumns(knex)
  const { rows } = await knex.raw(`SELECT email FROM customer WHERE id = ?`, [customerId])
  if (!rows.length) throw new Error(`Customer ${customerId} was not found`)
  const found = await findCustomerRows(knex, { id: customerId, emails: [rows[0].email].filter(Boolean) }, columns)
  const include = new Set(tablesFor("export").map((t) => t.table))
  const tables: Record<string, Record<string, unknown>[]> = {}
  for (const f of found) {
    if (!include.has(f.decl.table)) continue
    const secrets = new Set(Object.entries(f.decl.personal).filter(([, k]) => k === "secret").map(([c]) => c))
    const cols = [...columns.get(f.decl.table)!.keys()].filter((c) => !secrets.has(c))
    const select = cols.map((c) => `t.${q(c)}`).join(", ")
    const res = columns.get(f.decl.table)!.has("id")
      ? f.ids.length
        ? await knex.raw(`SELECT ${select} FROM ${q(f.decl.table)} t WHERE t."id" = ANY(?) ORDER BY 1`, [f.ids])
        : { rows: [] }
      : await knex.raw(`SELECT ${select} FROM ${q(f.decl.table)} t WHERE ${f.condition.sql}`, f.condition.bindings)
    if (res.rows.length) tables[f.decl.table] = res.rows
  }
  return tables
}

/** Builds the ZIP (data.json + one CSV per table) and stores it in the private customer-file store. */
export async function writeDataExport(
  knex: Knex,
  store: CustomerFileStore,
  customerId: string,
  exportId: string
): Promise<DataExportResult> {
  const tables = await collectCustomerData(knex, customerId)
  const exportedAt = new Date().toISOString()
  const zip = new JSZip()
  zip.file(
    "data.json",
    JSON.stringify({ customer_id: customerId, exported_at: exportedAt, export_id: exportId, tables }, null, 2)
  )
  zip.file(
    "README.txt",
    [
      `Personal data held about customer ${customerId}, exported ${exportedAt}.`,
      "data.json holds every table; the CSV files hold the same rows, one file per table.",
      "Password and token hashes are never exported.",
      "",
    ].join("\r\n")
  )
  for (const [table, rows] of Object.entries(tables)) zip.file(`${table}.csv`, toCsv(rows))
  const buf = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" })
  const fileId = await store.put({ kind: "customer-data-export", ext: "zip", mimeType: DATA_EXPORT_CONTENT_TYPE }, buf)
  return {
    export_id: exportId,
    file_id: fileId,
    file_name: `customer-data-${customerId}-${exportedAt.slice(0, 10)}.zip`,
    rows: Object.fromEntries(Object.entries(tables).map(([t, r]) => [t, r.length])),
  }
}
