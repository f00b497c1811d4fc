/**
 * Fuzz corpus for the customer file reader: customer tables written the way
 * merchants' tools write them (Excel on Windows/Mac, Google Sheets, Shopify,
 * Numbers), with what a reader must return for each.
 *
 * A table is serialised to bytes with a chosen encoding, BOM, line ending,
 * delimiter and trailing newline; `expected` is what `openCustomerFile` must
 * return for it: header names, and for every data record its spreadsheet row
 * number, its cells and whether it is flagged as ragged.
 */
import { Readable } from "stream"
import * as iconv from "iconv-lite"

export type Encoding = "utf-8" | "utf-8-bom" | "utf-16le-bom" | "utf-16le" | "windows-1252"
export type Eol = "\r\n" | "\n" | "\r"
export type Delimiter = "," | ";" | "\t"

export const ENCODINGS: Encoding[] = ["utf-8", "utf-8-bom", "utf-16le-bom", "utf-16le", "windows-1252"]
export const EOLS: Eol[] = ["\r\n", "\n", "\r"]
export const DELIMITERS: Delimiter[] = [",", ";", "\t"]

/** A line of the table: values (any count) or a blank line. */
export type Line = { values: string[] } | { blank: true }

export type Table = { headers: string[]; lines: Line[] }

export type ExpectedRecord = { row_number: number; cells: string[]; ragged: boolean }

export type CorpusFile = {
  name: string
  bytes: Buffer
  encoding: "utf-8" | "utf-16le" | "windows-1252"
  delimiter: Delimiter
  headers: string[]
  records: ExpectedRecord[]
}

/** Deterministic PRNG (mulberry32) so every run builds the same corpus. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export const SHOPIFY_HEADERS = [
  "Customer ID", "First Name", "Last Name", "Email", "Accepts Email Marketing",
  "Default Address Company", "Default Address Address1", "Default Address Address2",
  "Default Address City", "Default Address Province Code", "Default Address Country Code",
  "Default Address Zip", "Default Address Phone", "Phone", "Accepts SMS Marketing",
  "Total Spent", "Total Orders", "Note", "Tax Exempt", "Tags",
]

export const LONG_FIELD = "Lorem ipsum dolor sit amet, ".repeat(400).slice(0, 10_000)

/**
 * The customer table every combination is written with. `nonAscii` are values
 * every encoding can represent (Windows-1252 included); `wide` adds characters
 * only Unicode encodings have.
 */
export function customerTable(opts: { wide: boolean; delimiter: Delimiter }): Table {
  const headers = ["Email", "First Name", "Last Name", "Phone", "Note", "Tags", "Company"]
  const d = opts.delimiter
  const v = (...values: string[]) => ({ values })
  const lines: Line[] = [
    { blank: true }, // blank line at the start of the data
    v("ada@example.com", "Ada", "Lovelace", "+44 20 7946 0958", "plain", "vip", "Analytical Engines"),
    v("jose@example.com", "José", "Müller", "+33612345678", "Straße 5 — €12", "café; thé", "Œuvre & Fils"),
    v("quoted@example.com", "Grace", "Hopper", "", `embedded ${d} delimiter`, `a${d}b${d}c`, `"Quoted" Inc.`),
    v("doubled@example.com", "Say", `"Hi"`, "", `He said ""twice""`, `""`, `"`),
    v("crlf@example.com", "Multi", "Line", "", "line one\r\nline two", "x", "y"),
    v("lf@example.com", "Multi", "Line", "", "first\nsecond\nthird", "x", "y"),
    { blank: true },
    { blank: true },
    v("after-blank@example.com", "After", "Blanks", "", "", "", ""),
    v("formula@example.com", "=SUM(A1:A2)", "+33612345678", "-1", "@x", "=HYPERLINK(\"http://x\")", "'=kept"),
    v("short@example.com", "Short", "Row"), // ragged: 3 values, 7 headers
    v("long@example.com", "Long", "Row", "", "", "", "", "extra value", "another"), // ragged: 9 values
    v("trailing-empties@example.com", "Trailing", "Empties", "", "", "", "", "", ""), // extra empty cells: fine
    v("bigfield@example.com", "Big", "Field", "", LONG_FIELD, "", ""),
    v("spaces@example.com", "  padded  ", " ", "", "", "", ""),
    v("empty-values@example.com", "", "", "", "", "", ""),
  ]
  if (opts.wide) {
    lines.push(v("wide@example.com", "日本", "😀 Émoji", "", "Ελληνικά", "中文; עברית", "Ünïcödé"))
  }
  lines.push(v("last@example.com", "Last", "Row", "", "", "", ""))
  lines.push({ blank: true }) // blank line at the end
  return { headers, lines }
}

function needsQuotes(value: string, delimiter: string): boolean {
  return value.includes(delimiter) || value.includes('"') || value.includes("\n") || value.includes("\r")
}

export function cell(value: string, delimiter: string, quoteAll = false): string {
  return quoteAll || needsQuotes(value, delimiter) ? `"${value.replace(/"/g, '""')}"` : value
}

export function serialize(
  table: Table,
  opts: { delimiter: Delimiter; eol: Eol; trailingNewline: boolean; quoteAll?: boolean }
): string {
  const rows = [table.headers, ...table.lines.map((l) => ("blank" in l ? null : l.values))]
  const text = rows
    .map((r) => (r ? r.map((c) => cell(c, opts.delimiter, opts.quoteAll)).join(opts.delimiter) : ""))
    .join(opts.eol)
  return opts.trailingNewline ? text + opts.eol : text
}

export function encode(text: string, encoding: Encoding): Buffer {
  switch (encoding) {
    case "utf-8":
      return Buffer.from(text, "utf8")
    case "utf-8-bom":
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")])
    case "utf-16le-bom":
      return Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, "utf-16le")])
    case "utf-16le":
      return iconv.encode(text, "utf-16le")
    case "windows-1252":
      return iconv.encode(text, "windows-1252")
  }
}

/** What the reader must return for a table (header on row 1, no leading blank lines). */
export function expectedRecords(table: Table): ExpectedRecord[] {
  const width = table.headers.length
  const records: ExpectedRecord[] = []
  table.lines.forEach((line, i) => {
    if ("blank" in line) return
    const values = line.values
    const cells = values.slice(0, width)
    while (cells.length < width) cells.push("")
    const ragged = values.length < width || values.slice(width).some((x) => x.trim() !== "")
    records.push({ row_number: i + 2, cells, ragged })
  })
  return records
}

export function buildMatrix(): CorpusFile[] {
  const files: CorpusFile[] = []
  for (const encoding of ENCODINGS) {
    for (const eol of EOLS) {
      for (const delimiter of DELIMITERS) {
        for (const trailingNewline of [true, false]) {
          const table = customerTable({ wide: encoding !== "windows-1252", delimiter })
          const text = serialize(table, { delimiter, eol, trailingNewline })
          files.push({
            name: `${encoding} ${JSON.stringify(eol)} ${JSON.stringify(delimiter)}${trailingNewline ? "" : " no-final-newline"}`,
            bytes: encode(text, encoding),
            encoding: encoding.startsWith("utf-16le") ? "utf-16le" : encoding === "windows-1252" ? "windows-1252" : "utf-8",
            delimiter,
            headers: table.headers,
            records: expectedRecords(table),
          })
        }
      }
    }
  }
  return files
}

/** A Readable that hands out `bytes` in chunks of `size` (to cross every boundary). */
export function chunked(bytes: Buffer, size: number): Readable {
  const chunks: Buffer[] = []
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size))
  return Readable.from(chunks, { objectMode: false })
}

/** Files that are not CSV at all, with the message the merchant must see. */
export function binaryFiles(): { name: string; bytes: Buffer; message: RegExp }[] {
  const random = prng(42)
  const randomBytes = Buffer.from(Array.from({ length: 8192 }, () => Math.floor(random() * 256)))
  const zipLocalHeader = Buffer.concat([
    Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00]),
    Buffer.from("[Content_Types].xml"),
    randomBytes.subarray(0, 512),
  ])
  return [
    { name: "random bytes", bytes: randomBytes, message: /^This is not a text file/ },
    { name: "xlsx renamed .csv", bytes: zipLocalHeader, message: /^This looks like an Excel workbook \(\.xlsx\); save it as CSV first/ },
    {
      name: "xls (Excel 97-2003) renamed .csv",
      bytes: Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), randomBytes.subarray(0, 512)]),
      message: /Excel 97–2003 workbook \(\.xls\); save it as CSV first/,
    },
    {
      name: "PNG renamed .csv",
      bytes: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes.subarray(0, 256)]),
      message: /^This is not a text file \(it looks like an image\)/,
    },
    {
      name: "JPEG renamed .csv",
      bytes: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes.subarray(0, 256)]),
      message: /^This is not a text file \(it looks like an image\)/,
    },
    {
      name: "PDF renamed .csv",
      bytes: Buffer.from("%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"),
      message: /^This is not a text file \(it looks like a PDF document\)/,
    },
    {
      name: "gzip renamed .csv",
      bytes: Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), randomBytes.subarray(0, 256)]),
      message: /^This is not a text file \(it looks like a compressed archive\)/,
    },
    {
      name: "text with NUL bytes",
      bytes: Buffer.from("Email,Name\na@example.com,\u0000\u0000\u0000Ada\u0000\n"),
      message: /^This is not a text file/,
    },
  ]
}
