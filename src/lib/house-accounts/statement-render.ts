import PDFDocument from "pdfkit"
import type { Writable } from "stream"
import { once } from "events"
import { csvCell, type CsvValue } from "../csv"
import { formatMinor, minorDigits } from "../../modules/house-accounts/money"
import type { HouseAccountJSON } from "../../types/house-accounts"
import type { HouseStatementFigures, HouseStatementLine } from "../../types/house-account-statements"

export type StatementHeader = {
  account: Pick<HouseAccountJSON, "account_number" | "name" | "currency_code" | "credit_limit" | "available_credit">
  figures: HouseStatementFigures
  /** Who the statement is for (the account's customers' names), shown under the account name. */
  customers?: string[]
  generated_at?: Date
}

/** "12.50" from 1250 minor units (exact string arithmetic; "-3.05" for -305). */
export function decimal(amount: number, currencyCode: string): string {
  return formatMinor(amount, currencyCode).replace(/ [A-Z]{3}$/, "")
}

const day = (iso: string) => iso.slice(0, 10)

/** A decimal amount such as "-50.00": written as is (a number, not a formula). */
class Decimal {
  constructor(readonly text: string) {}
}

/** One CSV line: text cells through the shared guard, decimal amounts as they are. */
function csvRow(values: (CsvValue | Decimal)[]): string {
  return `${values.map((v) => (v instanceof Decimal ? v.text : csvCell(v))).join(",")}\r\n`
}

async function write(out: Writable, chunk: string | Buffer) {
  if (!out.write(chunk)) await once(out, "drain")
}

export const CSV_COLUMNS = [
  "date",
  "type",
  "description",
  "reference",
  "order_id",
  "amount",
  "balance",
  "amount_minor",
  "balance_minor",
  "currency",
] as const

/**
 * The statement as CSV: one header line, an `opening_balance` line, one line
 * per entry (oldest first), a `closing_balance` line. Amounts as decimals
 * and as integers in minor units; text cells neutralised against formulas.
 */
export async function writeStatementCsv(
  out: Writable,
  header: StatementHeader,
  pages: AsyncIterable<HouseStatementLine[]>
): Promise<void> {
  const { figures: f, account } = header
  const cur = f.currency_code.toUpperCase()
  const money = (n: number) => new Decimal(decimal(n, f.currency_code))
  await write(out, csvRow([...CSV_COLUMNS]))
  await write(
    out,
    csvRow([day(f.period_start), "opening_balance", `Statement ${account.account_number}`, null, null, null, money(f.opening_balance), null, f.opening_balance, cur])
  )
  for await (const lines of pages) {
    let chunk = ""
    for (const l of lines) {
      chunk += csvRow([l.date, l.kind, l.description, l.reference, l.source_id, money(l.amount), money(l.balance_after), l.amount, l.balance_after, cur])
    }
    await write(out, chunk)
  }
  await write(
    out,
    csvRow([day(f.period_end), "closing_balance", `Amount due ${decimal(f.amount_due, f.currency_code)}`, null, null, null, money(f.closing_balance), null, f.closing_balance, cur])
  )
}

// PDF layout (A4, points)
const MARGIN = 48
const COLS = [
  { key: "date", x: MARGIN, w: 62, align: "left" },
  { key: "description", x: MARGIN + 66, w: 200, align: "left" },
  { key: "reference", x: MARGIN + 270, w: 90, align: "left" },
  { key: "amount", x: MARGIN + 364, w: 68, align: "right" },
  { key: "balance", x: MARGIN + 434, w: 66, align: "right" },
] as const

/** The standard PDF fonts encode WinAnsi only: other characters become "?". */
export function pdfText(s: string | null | undefined, max = 80): string {
  const t = (s ?? "").replace(/[^\x20-\x7E\u00A0-\u00FF]/g, "?")
  return t.length > max ? `${t.slice(0, max - 1)}…` : t
}

/**
 * The statement as a PDF (pdfkit, standard Helvetica font): account and
 * period, the summary (opening balance, charges, payments and credits,
 * adjustments, closing balance, amount due, limit and available credit),
 * then the entries, oldest first, on as many pages as needed. Pages are
 * written out as they fill, so a long statement does not stay in memory.
 */
export async function writeStatementPdf(
  out: Writable,
  header: StatementHeader,
  pages: AsyncIterable<HouseStatementLine[]>
): Promise<void> {
  const { figures: f, account } = header
  const doc = new PDFDocument({ size: "A4", margin: MARGIN, bufferPages: false, info: { Title: `Statement ${account.account_number}` } })
  const finished = new Promise<void>((resolve, reject) => {
    out.once("finish", resolve)
    out.once("close", resolve)
    out.once("error", reject)
    doc.once("error", reject)
  })
  doc.pipe(out)
  const money = (n: number) => formatMinor(n, f.currency_code)
  const bottom = doc.page.height - MARGIN

  doc.font("Helvetica-Bold").fontSize(18).text("Account statement", MARGIN, MARGIN)
  doc.moveDown(0.3).font("Helvetica").fontSize(10)
  doc.text(`${pdfText(account.name)} — account ${pdfText(account.account_number)}`)
  if (header.customers?.length) doc.text(pdfText(header.customers.join(", "), 200))
  doc.text(`Period: ${day(f.period_start)} to ${day(f.period_end)}`)
  doc.text(`Issued: ${day((header.generated_at ?? new Date()).toISOString())}`)
  doc.moveDown(0.8)

  const summary: [string, string][] = [
    ["Opening balance", money(f.opening_balance)],
    ["Charges", money(f.charges)],
    ["Payments and credits", money(-f.credits)],
    ["Adjustments", money(f.adjustments)],
    ["Closing balance", money(f.closing_balance)],
    ["Amount due", money(f.amount_due)],
    ["Credit limit", money(account.credit_limit)],
    ["Available credit", money(account.available_credit)],
  ]
  for (const [label, value] of summary) {
    const y = doc.y
    doc.font(label === "Amount due" ? "Helvetica-Bold" : "Helvetica").text(label, MARGIN, y, { width: 200 })
    doc.text(value, MARGIN + 200, y, { width: 120, align: "right" })
  }
  doc.moveDown(1)

  const rowHeight = 14
  const tableHeader = () => {
    const y = doc.y
    doc.font("Helvetica-Bold").fontSize(9)
    const titles: Record<string, string> = { date: "Date", description: "Description", reference: "Reference", amount: "Amount", balance: "Balance" }
    for (const c of COLS) doc.text(titles[c.key], c.x, y, { width: c.w, align: c.align, lineBreak: false })
    doc.moveTo(MARGIN, y + 12).lineTo(doc.page.width - MARGIN, y + 12).lineWidth(0.5).stroke()
    doc.font("Helvetica").fontSize(9)
    doc.y = y + 16
  }
  tableHeader()
  const row = async (cells: Record<string, string>) => {
    if (doc.y + rowHeight > bottom) {
      doc.addPage()
      doc.y = MARGIN
      tableHeader()
      // let the written page leave before the next one fills
      await new Promise((r) => setImmediate(r))
    }
    const y = doc.y
    for (const c of COLS) {
      doc.text(cells[c.key] ?? "", c.x, y, { width: c.w, align: c.align, lineBreak: false, ellipsis: true, height: rowHeight })
    }
    doc.y = y + rowHeight
  }
  const dec = (n: number) => decimal(n, f.currency_code)
  await row({ date: day(f.period_start), description: "Opening balance", balance: dec(f.opening_balance) })
  let any = false
  for await (const lines of pages) {
    for (const l of lines) {
      any = true
      await row({
        date: day(l.date),
        description: pdfText(l.description, 60),
        reference: pdfText(l.reference ?? (l.source_id ? l.source_id : ""), 24),
        amount: dec(l.amount),
        balance: dec(l.balance_after),
      })
    }
  }
  if (!any) await row({ date: "", description: "No entries in this period" })
  doc.font("Helvetica-Bold")
  await row({ date: day(f.period_end), description: "Closing balance", balance: dec(f.closing_balance) })
  doc.font("Helvetica").fontSize(8).moveDown(1)
  doc.text(
    `Amounts in ${f.currency_code.toUpperCase()} (${minorDigits(f.currency_code)} decimals). A positive balance is owed; a negative balance is a credit.`,
    MARGIN,
    doc.y,
    { width: doc.page.width - 2 * MARGIN }
  )
  doc.end()
  await finished
}
