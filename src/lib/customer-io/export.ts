/**
 * Customer export: the customers of a list filter, written as CSV or XLSX.
 *
 * The customers are read in keyset pages over exactly the list's query
 * (`filtered` from the customer list: same filters, same sort), and each page
 * is loaded in file format by `loadCustomerFileRows`. Output is streamed; the
 * whole export is never held in memory.
 */
import type { Writable } from "stream"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import ExcelJS from "exceljs"
import {
  type CustomerListParams,
  type CustomerSortKey,
  SORT_SQL,
  filtered,
} from "../customer-list/query"
import type { CustomerStatus } from "../customer-list/status"
import type { AccountTypeFilter } from "../customer-list/account-type"
import { csvRow } from "../csv"
import { type CustomerColumn, EXPORT_COLUMNS, exportColumns } from "./columns"
import { type CustomerFileRow, loadCustomerFileRows } from "./customer-rows"

export const EXPORT_FORMATS = ["csv", "xlsx"] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

export const EXPORT_PAGE_SIZE = 1000

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

/**
 * The list filter as stored in a job payload (JSON: dates as ISO strings).
 * Only filter parameters — never customer data.
 */
export type ExportFilters = {
  q?: string
  status?: CustomerStatus[]
  category?: string[]
  store?: string[]
  invalid_email?: boolean
  birthday_this_month?: boolean
  outstanding_balance?: boolean
  over_credit_limit?: boolean
  account_type?: AccountTypeFilter[]
  has_duplicates?: boolean
  /** ISO date-time, inclusive */
  created_from?: string
  /** ISO date-time, exclusive */
  created_to?: string
  /** Integer minor units of the store's default currency. */
  spent_more_than?: number
  /** ISO date-time: no purchase on or after it. */
  no_order_since?: string
  sort?: Exclude<CustomerSortKey, "deleted_at">
  direction?: "asc" | "desc"
}

export type ExportListParams = Omit<CustomerListParams, "limit" | "offset">

/** Payload filters → the list's query parameters (live customers only). */
export function exportListParams(f: ExportFilters): ExportListParams {
  return {
    removed: false,
    q: f.q || undefined,
    status: f.status?.length ? f.status : undefined,
    category: f.category?.length ? f.category : undefined,
    store: f.store?.length ? f.store : undefined,
    invalid_email: f.invalid_email,
    birthday_this_month: f.birthday_this_month || undefined,
    outstanding_balance: f.outstanding_balance || undefined,
    over_credit_limit: f.over_credit_limit || undefined,
    account_type: f.account_type?.length ? f.account_type : undefined,
    has_duplicates: f.has_duplicates || undefined,
    created_from: f.created_from ? new Date(f.created_from) : undefined,
    created_to: f.created_to ? new Date(f.created_to) : undefined,
    spent_more_than: f.spent_more_than,
    no_order_since: f.no_order_since ? new Date(f.no_order_since) : undefined,
    sort: f.sort ?? "created_at",
    direction: f.direction ?? (f.sort && f.sort !== "created_at" ? "asc" : "desc"),
  }
}

/** Number of customers the filter matches (what the export will write). */
export async function countExportCustomers(knex: Knex, params: ExportListParams): Promise<number> {
  const rows = await filtered(knex, params, { lean: true }).count<{ count: string }[]>({ count: "*" })
  return Number(rows[0]?.count ?? 0)
}

/**
 * Ids of the filtered customers in the list's order, page by page. Keyset
 * pagination on (sort expressions…, id): pages stay cheap deep into the set
 * and rows created or deleted meanwhile never shift a page. Keys are compared
 * as text cast back to the column's type, so timestamps keep their
 * microseconds.
 */
export async function* exportIdPages(
  knex: Knex,
  params: ExportListParams,
  pageSize = EXPORT_PAGE_SIZE
): AsyncGenerator<string[]> {
  const sort = params.sort ?? "created_at"
  const dir = params.direction === "asc" ? "ASC" : "DESC"
  const exprs = [...SORT_SQL[sort], "c.id"]
  const casts = exprs.map((e) =>
    e === "c.created_at" || e === "c.deleted_at" || e.startsWith("coalesce(cs.last_order_at")
      ? "timestamptz"
      : e.startsWith("coalesce(cs.")
        ? "bigint"
        : "text"
  )
  let last: string[] | null = null
  for (;;) {
    const qb = filtered(knex, params).select(
      exprs.map((e, i) => knex.raw(`(${e})::text AS k${i}`))
    )
    if (last) {
      const tuple = casts.map((t) => `?::${t}`).join(", ")
      qb.whereRaw(`(${exprs.join(", ")}) ${dir === "DESC" ? "<" : ">"} (${tuple})`, last)
    }
    qb.orderByRaw(exprs.map((e) => `${e} ${dir}`).join(", ")).limit(pageSize)
    const rows: Record<string, string>[] = await qb
    if (!rows.length) return
    yield rows.map((r) => r[`k${exprs.length - 1}`])
    if (rows.length < pageSize) return
    const tail = rows[rows.length - 1]
    last = exprs.map((_, i) => tail[`k${i}`])
  }
}

/** A sink for rows in one of the export formats. */
export type RowWriter = {
  writeRows(rows: CustomerFileRow[]): Promise<void>
  finish(): Promise<void>
}

function writeChunk(stream: Writable, chunk: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const ok = stream.write(chunk, (err) => (err ? reject(err) : undefined))
    if (ok) resolve()
    else stream.once("drain", () => resolve())
  })
}

/**
 * CSV: UTF-8 with a BOM (so spreadsheet software reads accents), header =
 * column labels, CRLF lines, cells neutralised against formula injection.
 */
export function csvRowWriter(stream: Writable, columns: CustomerColumn[] = EXPORT_COLUMNS): RowWriter {
  let started = false
  const start = async () => {
    if (started) return
    started = true
    await writeChunk(stream, `\uFEFF${csvRow(columns.map((c) => c.label))}`)
  }
  return {
    async writeRows(rows) {
      await start()
      let chunk = ""
      for (const row of rows) chunk += csvRow(columns.map((c) => row[c.key] ?? ""))
      if (chunk) await writeChunk(stream, chunk)
    },
    async finish() {
      await start()
      await new Promise<void>((resolve, reject) => {
        stream.once("error", reject)
        stream.end(() => resolve())
      })
    },
  }
}

/**
 * XLSX through exceljs' streaming writer (each row is committed, so memory
 * stays flat). Every value is written as a plain string cell — an XLSX cell
 * is only evaluated when it holds a formula element, which this writer never
 * produces, so "=…" stays text. Orders is written as a number.
 */
export function xlsxRowWriter(stream: Writable, columns: CustomerColumn[] = EXPORT_COLUMNS): RowWriter {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream,
    useSharedStrings: false,
    useStyles: true,
  })
  const sheet = workbook.addWorksheet("Customers", { views: [{ state: "frozen", ySplit: 1 }] })
  sheet.columns = columns.map((c) => ({
    key: c.key,
    width: Math.min(40, Math.max(12, c.label.length + 2)),
  }))
  const header = sheet.addRow(columns.map((c) => c.label))
  header.font = { bold: true }
  header.commit()
  return {
    async writeRows(rows) {
      for (const row of rows) {
        const values = columns.map((c) => {
          const v = row[c.key] ?? ""
          if (c.key === "order_count" && /^\d+$/.test(v)) return Number(v)
          return v === "" ? null : { richText: [{ text: v }] }
        })
        sheet.addRow(values).commit()
      }
    },
    async finish() {
      sheet.commit()
      await workbook.commit()
    },
  }
}

/** `notes`: the export includes the Staff Notes column. */
export function rowWriter(format: ExportFormat, stream: Writable, opts: { notes?: boolean } = {}): RowWriter {
  const columns = exportColumns(opts)
  return format === "xlsx" ? xlsxRowWriter(stream, columns) : csvRowWriter(stream, columns)
}

/**
 * Writes every customer of the filter; `onPage` after each page (progress,
 * cancellation). Returns the number of customers written.
 */
export async function writeCustomerExport(opts: {
  knex: Knex
  params: ExportListParams
  writer: RowWriter
  /** Load the customers' notes (the writer must have the Staff Notes column). */
  notes?: boolean
  pageSize?: number
  onPage?: (written: number) => Promise<void>
}): Promise<number> {
  let written = 0
  for await (const ids of exportIdPages(opts.knex, opts.params, opts.pageSize)) {
    const rows = await loadCustomerFileRows(opts.knex, ids, { notes: opts.notes })
    // customers deleted between the two queries are simply left out
    await opts.writer.writeRows(ids.flatMap((id) => (rows.has(id) ? [rows.get(id)!] : [])))
    written += rows.size
    await opts.onPage?.(written)
  }
  await opts.writer.finish()
  return written
}

export function exportFileName(format: ExportFormat, at = new Date()): string {
  const stamp = at.toISOString().slice(0, 16).replace(/[-:]/g, "").replace("T", "-")
  return `customers-${stamp}.${format}`
}
