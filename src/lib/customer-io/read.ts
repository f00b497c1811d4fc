/**
 * Streaming reader for customer files uploaded by merchants.
 *
 * Forgiving about files, strict about data:
 * - encodings: UTF-8 (with or without BOM), UTF-16 (with BOM, or recognised
 *   by its NUL bytes), Windows-1252 (see "How the encoding is decided"), or
 *   the encoding the merchant chose (`options.encoding`);
 * - delimiters: comma, semicolon or tab, sniffed from the header line (and
 *   Excel's `sep=;` first line);
 * - line endings: CRLF, LF and lone CR (old Mac / some Excel exports);
 * - quoted fields with delimiters, doubled quotes and newlines; quotes read as
 *   a spreadsheet reads them (a stray quote inside a value is data).
 *
 * Never the whole file in memory: the head (up to 64 KB) is sniffed, then the
 * bytes flow through one transform (decode to UTF-8, canonical line endings
 * and quoting) into csv-parser. Row numbers are the rows a spreadsheet shows:
 * header = 1, a record with quoted newlines is one row, blank lines are
 * skipped but counted. Anything wrong with the file itself is a `CustomerFileError`
 * with a message meant for the merchant; a record whose values do not line up
 * with the header keeps its values and carries an `error`.
 *
 * How the encoding is decided (no BOM, no UTF-16 NUL pattern): a file that is
 * ASCII is UTF-8. Otherwise the first 64 KB that contain non-ASCII bytes are
 * counted: valid multi-byte UTF-8 characters against bytes that belong to no
 * UTF-8 character. The file is UTF-8 unless the invalid bytes outnumber the
 * valid characters; then it is Windows-1252 (which has a character for every
 * byte a merchant's file uses). A UTF-8 file with a few broken bytes therefore
 * stays UTF-8: each broken byte is read as U+FFFD (�) and the record names the
 * cells that hold one (`invalid_cells`), so the row can be corrected or
 * excluded instead of every name in the file being decoded wrongly. A file
 * whose first 64 KB are ASCII is decided the same way, on the 64 KB after its
 * first non-ASCII byte (the bytes before read the same in both encodings).
 */
import { Readable, Transform, TransformCallback, pipeline } from "stream"
import { isAscii, isUtf8 } from "buffer"
import csvParser from "csv-parser"
import * as iconv from "iconv-lite"
import { REPLACEMENT_CHAR, encodingLabel, type CustomerFileEncoding } from "./encodings"

export type { CustomerFileEncoding }

export type CustomerFileErrorCode =
  | "empty"
  | "binary"
  | "workbook"
  | "encoding"
  | "row_too_long"

export class CustomerFileError extends Error {
  code: CustomerFileErrorCode
  constructor(message: string, code: CustomerFileErrorCode = "binary") {
    super(message)
    this.name = "CustomerFileError"
    this.code = code
  }
}

/**
 * A data record: `row_number` is the row a spreadsheet shows (header = 1).
 * `invalid_cells`: indexes of the cells holding bytes the encoding could not
 * read (each shown as U+FFFD).
 */
export type FileRecord = { row_number: number; cells: string[]; error?: string; invalid_cells?: number[] }

/** Bytes the encoding could not read, counted while the records are read. */
export type InvalidBytesReport = {
  /** Bytes (or byte sequences) read as U+FFFD. */
  count: number
  /** Records holding at least one. */
  rows: number
  /** Row numbers of the first such records (up to 20). */
  first_rows: number[]
}

export type CustomerFileDelimiter = "," | ";" | "\t"

export type CustomerFile = {
  /**
   * The encoding the file is read with. A file whose first 64 KB are plain
   * ASCII starts as "utf-8" and may switch to "windows-1252" at its first
   * non-ASCII byte (lossless: the bytes before were ASCII) — read it after
   * the records when it matters.
   */
  readonly encoding: CustomerFileEncoding
  /** True when the encoding was given (`options.encoding`) rather than detected. */
  readonly encoding_chosen: boolean
  /** Bytes the encoding could not read so far (complete once the records are read). */
  readonly invalid_bytes: InvalidBytesReport
  delimiter: CustomerFileDelimiter
  headers: string[]
  /** Row number of the header (1 unless blank lines precede it). */
  header_row_number: number
  /** Single use; streaming, bounded memory. Blank lines are skipped but counted. */
  records: AsyncIterable<FileRecord>
  /** Releases the file when the records are not (fully) iterated. Idempotent. */
  close(): void
}

export type OpenCustomerFileOptions = {
  /** Longest record accepted, in UTF-8 bytes (default 1 MB). */
  maxRowBytes?: number
  /** How much of the file is sniffed for encoding and binary content (default 64 KB). */
  sniffBytes?: number
  /** Read the file with this encoding instead of detecting it (a BOM of that encoding is skipped). */
  encoding?: CustomerFileEncoding
}

export const EMPTY_FILE_MESSAGE = "The file is empty"
export const NOT_TEXT_MESSAGE = "This is not a text file"
const SAVE_AS_CSV = "save your spreadsheet as CSV (UTF-8) and upload that file"

const DEFAULT_MAX_ROW_BYTES = 1024 * 1024
const DEFAULT_SNIFF_BYTES = 64 * 1024

const LF = 0x0a
const CR = 0x0d
const QUOTE = 0x22
const EMPTY = Buffer.alloc(0)

// ---------------------------------------------------------------------------
// Sniffing

function startsWith(buf: Buffer, bytes: number[], at = 0): boolean {
  if (buf.length < at + bytes.length) return false
  for (let i = 0; i < bytes.length; i++) if (buf[at + i] !== bytes[i]) return false
  return true
}

function ascii(s: string): number[] {
  return Array.from(s, (c) => c.charCodeAt(0))
}

/** Known binary formats merchants upload by mistake. */
function rejectKnownFormats(head: Buffer): void {
  const notText = (what: string) =>
    new CustomerFileError(`${NOT_TEXT_MESSAGE} (it looks like ${what}); ${SAVE_AS_CSV}`, "binary")
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) {
    throw new CustomerFileError(
      "This looks like an Excel workbook (.xlsx); save it as CSV first (File → Save As → CSV UTF-8)",
      "workbook"
    )
  }
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    throw new CustomerFileError(
      "This looks like an Excel 97–2003 workbook (.xls); save it as CSV first (File → Save As → CSV UTF-8)",
      "workbook"
    )
  }
  if (startsWith(head, ascii("%PDF"))) throw notText("a PDF document")
  if (
    startsWith(head, [0x89, 0x50, 0x4e, 0x47]) ||
    startsWith(head, [0xff, 0xd8, 0xff]) ||
    startsWith(head, ascii("GIF8")) ||
    (startsWith(head, ascii("RIFF")) && startsWith(head, ascii("WEBP"), 8))
  ) {
    throw notText("an image")
  }
  if (startsWith(head, [0x1f, 0x8b]) || startsWith(head, ascii("Rar!")) || startsWith(head, [0x37, 0x7a, 0xbc, 0xaf])) {
    throw notText("a compressed archive")
  }
  if (startsWith(head, ascii("{\\rtf"))) throw notText("a Word/RTF document")
}

type Sniffed = { encoding: CustomerFileEncoding; bomLength: number; tentative: boolean }

const UTF16BE_REFUSED =
  "This file is UTF-16 big-endian without a byte order mark; choose UTF-16 big-endian as its encoding or save it as CSV UTF-8"

function sniffEncoding(head: Buffer, complete: boolean): Sniffed {
  if (startsWith(head, [0xef, 0xbb, 0xbf])) return { encoding: "utf-8", bomLength: 3, tentative: false }
  if (startsWith(head, [0xff, 0xfe])) return { encoding: "utf-16le", bomLength: 2, tentative: false }
  if (startsWith(head, [0xfe, 0xff])) return { encoding: "utf-16be", bomLength: 2, tentative: false }
  // UTF-16 without BOM: ASCII characters have a NUL high byte.
  const pairs = Math.floor(head.length / 2)
  if (pairs > 0) {
    let oddZeros = 0
    let evenZeros = 0
    for (let i = 0; i + 1 < head.length; i += 2) {
      if (head[i] === 0) evenZeros++
      if (head[i + 1] === 0) oddZeros++
    }
    if (oddZeros >= pairs * 0.3 && evenZeros <= pairs * 0.05) {
      return { encoding: "utf-16le", bomLength: 0, tentative: false }
    }
    if (evenZeros >= pairs * 0.3 && oddZeros <= pairs * 0.05) {
      return { encoding: "utf-16be", bomLength: 0, tentative: false }
    }
  }
  if (head.indexOf(0) !== -1) {
    throw new CustomerFileError(`${NOT_TEXT_MESSAGE}; ${SAVE_AS_CSV}`, "binary")
  }
  if (isAscii(head)) return { encoding: "utf-8", bomLength: 0, tentative: true }
  const body = complete ? head : head.subarray(0, head.length - incompleteUtf8Tail(head))
  return { encoding: utf8Verdict(body), bomLength: 0, tentative: false }
}

/** The encoding the merchant chose: its BOM (if the file has one) is skipped, nothing is guessed. */
function chosenEncoding(head: Buffer, encoding: CustomerFileEncoding): Sniffed {
  const bom =
    encoding === "utf-8" && startsWith(head, [0xef, 0xbb, 0xbf])
      ? 3
      : (encoding === "utf-16le" && startsWith(head, [0xff, 0xfe])) ||
          (encoding === "utf-16be" && startsWith(head, [0xfe, 0xff]))
        ? 2
        : 0
  return { encoding, bomLength: bom, tentative: false }
}

/** Length of the valid UTF-8 sequence starting at `i` (2–4), or 0 when none starts there. */
function utf8SequenceAt(buf: Buffer, i: number): number {
  const b = buf[i]
  const n = buf.length
  const cont = (k: number, lo = 0x80, hi = 0xbf) => i + k < n && buf[i + k] >= lo && buf[i + k] <= hi
  if (b >= 0xc2 && b <= 0xdf) return cont(1) ? 2 : 0
  if (b === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0
  if ((b >= 0xe1 && b <= 0xec) || b === 0xee || b === 0xef) return cont(1) && cont(2) ? 3 : 0
  if (b === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0
  if (b === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0
  if (b >= 0xf1 && b <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0
  if (b === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0
  return 0
}

/** Valid multi-byte UTF-8 characters in `buf`, and bytes that belong to no UTF-8 character. */
export function countUtf8(buf: Buffer): { multibyte: number; invalid: number } {
  let multibyte = 0
  let invalid = 0
  const n = buf.length
  let i = 0
  while (i < n) {
    if (buf[i] < 0x80) {
      i++
      continue
    }
    const len = utf8SequenceAt(buf, i)
    if (len) {
      multibyte++
      i += len
    } else {
      invalid++
      i++
    }
  }
  return { multibyte, invalid }
}

/**
 * UTF-8 unless the bytes that are not UTF-8 outnumber the valid multi-byte
 * UTF-8 characters. Reading a Windows-1252 file as UTF-8 shows � in the rows
 * concerned (flagged, visible); reading a UTF-8 file as Windows-1252 turns
 * every "ü" into "Ã¼" silently — so ties go to UTF-8.
 */
export function utf8Verdict(buf: Buffer): "utf-8" | "windows-1252" {
  const { multibyte, invalid } = countUtf8(buf)
  return invalid > multibyte ? "windows-1252" : "utf-8"
}

/** Number of bytes at the end of `buf` that start a UTF-8 sequence not finished in `buf`. */
function incompleteUtf8Tail(buf: Buffer): number {
  const n = buf.length
  for (let back = 1; back <= 3 && back <= n; back++) {
    const b = buf[n - back]
    if ((b & 0xc0) === 0x80) continue // continuation byte: keep looking for the lead
    if (b < 0x80) return 0
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1
    return need > back ? back : 0
  }
  return 0
}

/** Control characters that do not occur in text files (tab, newlines, form feed, ESC and SUB excluded). */
function controlCharRatio(text: string): number {
  let count = 0
  const n = text.length
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0b && c !== 0x0c && c !== 0x0d && c !== 0x1a && c !== 0x1b) {
      count++
    }
  }
  return n ? count / n : 0
}

/** Counts delimiters outside quotes on the first record; ties go to comma. */
export function sniffDelimiter(text: string): CustomerFileDelimiter {
  const counts = { ",": 0, ";": 0, "\t": 0 }
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (c === '"') quoted = !quoted
    else if (!quoted) {
      if (c === "\n" || c === "\r") break
      if (c === "," || c === ";" || c === "\t") counts[c]++
    }
  }
  let best: CustomerFileDelimiter = ","
  for (const d of [";", "\t"] as const) if (counts[d] > counts[best]) best = d
  return best
}

// ---------------------------------------------------------------------------
// Decoding + canonical CSV

type Decoder = { write(buf: Buffer): string; end(): string | undefined }

// Tokenizer states.
const FIELD_START = 0 // nothing of the current field read yet
const UNQUOTED = 1 // plain field, written as read
const QUOTED = 2 // inside a quoted field
const QUOTE_IN_QUOTED = 3 // a quote inside a quoted field: doubled quote or end of the quotes
const REQUOTED = 4 // a field read as text with quotes in it: written quoted, quotes doubled

/**
 * Bytes in (any supported encoding), canonical UTF-8 CSV out, so that
 * csv-parser reads exactly what a spreadsheet would:
 * - records end with LF; CRLF and lone CR outside quotes become LF, a CR or LF
 *   inside quotes stays data;
 * - a quote opens a quoted field only at the start of a field (as in Excel);
 *   a stray quote inside a plain field (`5" screen`) or text after a closing
 *   quote (`"a" b`) is kept as data: the field is re-written quoted with its
 *   quotes doubled. csv-parser toggles on every quote, so without this one
 *   stray quote would silently merge the following rows into one value.
 * Counts records as it goes (blank lines included) for row numbers in errors.
 */
class CanonicalCsv extends Transform {
  encoding: CustomerFileEncoding
  private decoder: Decoder | null
  /** The file was ASCII so far: the encoding is decided at the first non-ASCII byte. */
  private tentative: boolean
  /** Bytes from the first non-ASCII one on, held until `decideBytes` are there to decide on. */
  private lookahead: Buffer[] | null = null
  private lookaheadLength = 0
  private readonly decideBytes: number
  /** Bytes (sequences) read as U+FFFD so far. */
  invalidBytes = 0
  private utf8Tail: Buffer | null = null
  private highSurrogate = ""
  private readonly sep: number
  private readonly maxRowBytes: number
  private state = FIELD_START
  private skipLF = false
  /** Output of the current plain field, held back in case a stray quote turns up. */
  private held: Buffer | null = null
  /** Record ends written so far. */
  records = 0
  /** The file ended inside a quoted field. */
  unclosedQuote = false

  constructor(sniffed: Sniffed, delimiter: CustomerFileDelimiter, maxRowBytes: number, decideBytes: number) {
    super()
    this.encoding = sniffed.encoding
    this.tentative = sniffed.tentative
    this.decoder =
      sniffed.encoding === "utf-8" ? null : (iconv.getDecoder(sniffed.encoding, { stripBOM: false }) as Decoder)
    this.sep = delimiter.charCodeAt(0)
    this.maxRowBytes = maxRowBytes
    this.decideBytes = decideBytes
  }

  /** Bytes of the file in, UTF-8 out (empty while the encoding is being decided). */
  private toUtf8(buf: Buffer, last: boolean): Buffer {
    if (this.tentative && (this.lookahead || !isAscii(buf))) {
      // Everything before was ASCII (read alike in UTF-8 and Windows-1252):
      // decide on what follows, as the head of a file is decided.
      ;(this.lookahead ??= []).push(buf)
      this.lookaheadLength += buf.length
      if (!last && this.lookaheadLength < this.decideBytes) return EMPTY
      const all = Buffer.concat(this.lookahead)
      this.lookahead = null
      this.tentative = false
      const body = last ? all : all.subarray(0, all.length - incompleteUtf8Tail(all))
      if (utf8Verdict(body) === "windows-1252") {
        this.encoding = "windows-1252"
        this.decoder = iconv.getDecoder("windows-1252") as Decoder
      }
      buf = all
    }
    return this.decoder ? this.decode(buf) : this.checkUtf8(buf)
  }

  _transform(chunk: Buffer | string, _enc: BufferEncoding, cb: TransformCallback): void {
    try {
      const buf = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk
      const text = this.toUtf8(buf, false)
      if (text.length) {
        const out = this.canonicalize(text, false)
        if (out.length) this.push(out)
      }
      cb()
    } catch (e) {
      cb(e as Error)
    }
  }

  _flush(cb: TransformCallback): void {
    try {
      const parts: Buffer[] = []
      if (this.lookahead) parts.push(this.toUtf8(EMPTY, true))
      if (this.decoder) {
        const s = this.highSurrogate + (this.decoder.end() ?? "")
        this.highSurrogate = ""
        if (s) parts.push(this.countReplaced(Buffer.from(s, "utf8"), s))
      } else if (this.utf8Tail) {
        // The file ends in the middle of a UTF-8 sequence.
        const tail = this.utf8Tail
        this.utf8Tail = null
        parts.push(this.repairUtf8(tail))
      }
      const rest = parts.length === 1 ? parts[0] : Buffer.concat(parts)
      const out = this.canonicalize(rest, true)
      if (out.length) this.push(out)
      cb()
    } catch (e) {
      cb(e as Error)
    }
  }

  /** Decodes to UTF-8, keeping a surrogate pair split across chunks together. */
  private decode(buf: Buffer): Buffer {
    let s = this.highSurrogate + this.decoder!.write(buf)
    this.highSurrogate = ""
    const last = s.charCodeAt(s.length - 1)
    if (last >= 0xd800 && last <= 0xdbff) {
      this.highSurrogate = s[s.length - 1]
      s = s.slice(0, -1)
    }
    return this.countReplaced(Buffer.from(s, "utf8"), s)
  }

  /** Counts the characters a decoder could not read (it writes U+FFFD for them). */
  private countReplaced(out: Buffer, text: string): Buffer {
    for (let i = text.indexOf(REPLACEMENT_CHAR); i !== -1; i = text.indexOf(REPLACEMENT_CHAR, i + 1)) {
      this.invalidBytes++
    }
    return out
  }

  /** Validates UTF-8 across chunk boundaries; returns the complete part. */
  private checkUtf8(chunk: Buffer): Buffer {
    let buf = chunk
    if (this.utf8Tail) {
      buf = Buffer.concat([this.utf8Tail, chunk])
      this.utf8Tail = null
    }
    if (isAscii(buf)) return buf
    const tail = incompleteUtf8Tail(buf)
    const body = tail ? buf.subarray(0, buf.length - tail) : buf
    if (tail) this.utf8Tail = Buffer.from(buf.subarray(buf.length - tail))
    if (isUtf8(body)) return body
    return this.repairUtf8(body)
  }

  /**
   * A decided UTF-8 file with bytes that are not UTF-8: each is read as
   * U+FFFD (the records name the cells concerned) — the rest of the file
   * keeps its encoding.
   */
  private repairUtf8(body: Buffer): Buffer {
    const text = body.toString("utf8")
    return this.countReplaced(Buffer.from(text, "utf8"), text)
  }

  private canonicalize(input: Buffer, last: boolean): Buffer {
    const QUOTE_ = QUOTE
    const sep = this.sep
    const held = this.held
    this.held = null
    const heldLength = held ? held.length : 0
    // Worst case: every quote doubled plus an opening and closing quote.
    const out = Buffer.allocUnsafe(heldLength + input.length * 2 + 4)
    let o = 0
    let fieldStart = 0 // output index where the current field starts
    if (held) {
      held.copy(out, 0)
      o = heldLength
    }
    let state = this.state
    let skipLF = this.skipLF
    const n = input.length
    for (let i = 0; i < n; i++) {
      const b = input[i]
      if (skipLF) {
        skipLF = false
        if (b === LF) continue
      }
      switch (state) {
        case FIELD_START:
        case UNQUOTED:
          if (b === sep) {
            out[o++] = b
            state = FIELD_START
            fieldStart = o
          } else if (b === LF || b === CR) {
            out[o++] = LF
            skipLF = b === CR
            this.records++
            state = FIELD_START
            fieldStart = o
          } else if (b === QUOTE_) {
            if (state === FIELD_START) {
              out[o++] = b
              state = QUOTED
            } else {
              // Stray quote in a plain field: quote the whole field.
              out.copyWithin(fieldStart + 1, fieldStart, o)
              out[fieldStart] = QUOTE_
              o++
              out[o++] = QUOTE_
              out[o++] = QUOTE_
              state = REQUOTED
            }
          } else {
            if (state === FIELD_START) fieldStart = o
            out[o++] = b
            state = UNQUOTED
          }
          break
        case QUOTED:
          if (b === QUOTE_) state = QUOTE_IN_QUOTED
          else out[o++] = b
          break
        case QUOTE_IN_QUOTED:
        case REQUOTED:
          if (b === QUOTE_) {
            out[o++] = QUOTE_
            out[o++] = QUOTE_
            if (state === QUOTE_IN_QUOTED) state = QUOTED
          } else if (b === sep) {
            out[o++] = QUOTE_
            out[o++] = b
            state = FIELD_START
            fieldStart = o
          } else if (b === LF || b === CR) {
            out[o++] = QUOTE_
            out[o++] = LF
            skipLF = b === CR
            this.records++
            state = FIELD_START
            fieldStart = o
          } else {
            // Text after the closing quote (`"a" b`): kept, field stays quoted.
            out[o++] = b
            state = REQUOTED
          }
          break
      }
    }
    if (last) {
      if (state === QUOTED) {
        this.unclosedQuote = true
        out[o++] = QUOTE_
      } else if (state === QUOTE_IN_QUOTED || state === REQUOTED) {
        out[o++] = QUOTE_
      }
      state = FIELD_START
    } else if (state === UNQUOTED) {
      // Hold the plain field back: a stray quote in the next chunk re-quotes it.
      if (o - fieldStart > this.maxRowBytes) {
        throw rowTooLong(this.records + 1, this.maxRowBytes)
      }
      this.held = Buffer.from(out.subarray(fieldStart, o))
      o = fieldStart
    }
    this.state = state
    this.skipLF = skipLF
    return out.subarray(0, o)
  }
}

function rowTooLong(row: number, maxRowBytes: number): CustomerFileError {
  const size =
    maxRowBytes >= 1048576 ? `${Math.round(maxRowBytes / 1048576)} MB` : `${Math.max(1, Math.round(maxRowBytes / 1024))} KB`
  return new CustomerFileError(
    `Row ${row} is longer than ${size}; check for a quote (") that is opened but never closed`,
    "row_too_long"
  )
}

// ---------------------------------------------------------------------------
// The reader

function toReadable(input: NodeJS.ReadableStream): Readable {
  if (input instanceof Readable) return input
  return new Readable().wrap(input)
}

async function readHead(
  it: AsyncIterator<Buffer | string>,
  size: number
): Promise<{ chunks: Buffer[]; length: number; ended: boolean }> {
  const chunks: Buffer[] = []
  let length = 0
  while (length < size) {
    const r = await it.next()
    if (r.done) return { chunks, length, ended: true }
    const buf = typeof r.value === "string" ? Buffer.from(r.value, "utf8") : (r.value as Buffer)
    if (!buf.length) continue
    chunks.push(buf)
    length += buf.length
  }
  return { chunks, length, ended: false }
}

function rowValues(row: Record<string, string>): string[] {
  // csv-parser with headers:false keys cells "0", "1", …; integer keys iterate in order.
  return Object.values(row)
}

function isBlank(cells: string[]): boolean {
  for (const c of cells) if (c.trim() !== "") return false
  return true
}

const SEP_LINE = /^sep=([,;\t])[ \t]*(\r\n|\r|\n|$)/i

/**
 * Opens a customer file. Rejects with `CustomerFileError` when the file cannot
 * be read as a table (empty, binary, workbook, encoding). The header is read
 * here; the records stream when iterated.
 */
export async function openCustomerFile(
  input: NodeJS.ReadableStream,
  options: OpenCustomerFileOptions = {}
): Promise<CustomerFile> {
  const maxRowBytes = options.maxRowBytes ?? DEFAULT_MAX_ROW_BYTES
  const sniffBytes = options.sniffBytes ?? DEFAULT_SNIFF_BYTES
  const source = toReadable(input)
  const sourceIt = source[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>
  let sourceDone = false
  const closeSource = () => {
    if (sourceDone) return
    sourceDone = true
    void Promise.resolve(sourceIt.return?.()).catch(() => undefined)
    source.destroy()
  }

  let head: Awaited<ReturnType<typeof readHead>>
  try {
    head = await readHead(sourceIt, sniffBytes)
  } catch (e) {
    closeSource()
    throw e
  }

  let sniffed: Sniffed
  let delimiter: CustomerFileDelimiter
  let skipSepLine = false
  try {
    const headBuf = head.chunks.length === 1 ? head.chunks[0] : Buffer.concat(head.chunks)
    if (!headBuf.length) throw new CustomerFileError(EMPTY_FILE_MESSAGE, "empty")
    rejectKnownFormats(headBuf)
    sniffed = options.encoding ? chosenEncoding(headBuf, options.encoding) : sniffEncoding(headBuf, head.ended)
    const body = headBuf.subarray(sniffed.bomLength)
    const sample = iconv.decode(body, sniffed.encoding, { stripBOM: false })
    if (sample.trim() === "") {
      if (head.ended) throw new CustomerFileError(EMPTY_FILE_MESSAGE, "empty")
    }
    if (controlCharRatio(sample) > 0.01) {
      if (options.encoding) {
        throw new CustomerFileError(
          `The file does not read as text in ${encodingLabel(options.encoding)}; choose another encoding`,
          "encoding"
        )
      }
      throw new CustomerFileError(`${NOT_TEXT_MESSAGE}; ${SAVE_AS_CSV}`, "binary")
    }
    // The sniffed head is replayed without its BOM.
    if (sniffed.bomLength) {
      head.chunks = [body]
    }
    const sep = SEP_LINE.exec(sample)
    if (sep) {
      delimiter = sep[1] as CustomerFileDelimiter
      skipSepLine = true
    } else {
      delimiter = sniffDelimiter(sample.replace(/^(?:[ \t]*(?:\r\n|\r|\n))+/, ""))
    }
  } catch (e) {
    closeSource()
    throw e
  }

  const headChunks = head.chunks
  const headEnded = head.ended
  const replay = Readable.from(
    (async function* () {
      try {
        for (const c of headChunks) yield c
        if (headEnded) return
        for (;;) {
          const r = await sourceIt.next()
          if (r.done) return
          yield typeof r.value === "string" ? Buffer.from(r.value, "utf8") : r.value
        }
      } finally {
        closeSource()
      }
    })(),
    { objectMode: false }
  )
  const normalizer = new CanonicalCsv(sniffed, delimiter, maxRowBytes, sniffBytes)
  const parser = csvParser({
    headers: false,
    separator: delimiter,
    maxRowBytes,
    skipLines: skipSepLine ? 1 : 0,
  } as csvParser.Options)
  pipeline(replay, normalizer, parser, () => undefined)
  const parserIt = parser[Symbol.asyncIterator]() as AsyncIterator<Record<string, string>>

  let closed = false
  const close = () => {
    if (closed) return
    closed = true
    void Promise.resolve(parserIt.return?.()).catch(() => undefined)
    parser.destroy()
    normalizer.destroy()
    replay.destroy()
    closeSource()
  }

  let row = 0
  const mapError = (e: unknown): unknown => {
    if (e instanceof CustomerFileError) return e
    if (e instanceof Error && /maximum size/i.test(e.message)) {
      // csv-parser counts the records it parsed (the skipped `sep=` line included).
      const parsed = (parser as unknown as { state?: { lineNumber?: number } }).state?.lineNumber ?? row
      const at = Math.max(row, parsed - (skipSepLine ? 1 : 0)) + 1
      return rowTooLong(at, maxRowBytes)
    }
    return e
  }
  const next = async (): Promise<string[] | null> => {
    try {
      const r = await parserIt.next()
      if (r.done) return null
      row++
      return rowValues(r.value)
    } catch (e) {
      close()
      throw mapError(e)
    }
  }

  // Header: the first non-blank record.
  let headerCells: string[] | null
  try {
    do {
      headerCells = await next()
    } while (headerCells && isBlank(headerCells))
  } catch (e) {
    close()
    throw e
  }
  if (!headerCells) {
    close()
    throw new CustomerFileError(EMPTY_FILE_MESSAGE, "empty")
  }
  const headers = headerCells.map((h) => h.trim())
  const headerRow = row
  // Trailing unnamed columns (extra delimiters some exports write) may be absent from rows.
  let named = headers.length
  while (named > 0 && headers[named - 1] === "") named--
  const width = headers.length

  const invalid: InvalidBytesReport = { count: 0, rows: 0, first_rows: [] }
  /** Indexes of the cells holding U+FFFD, once the decoder replaced something. */
  const flagInvalid = (record: FileRecord) => {
    if (!normalizer.invalidBytes) return
    let found: number[] | undefined
    record.cells.forEach((c, i) => {
      if (c.includes(REPLACEMENT_CHAR)) (found ??= []).push(i)
    })
    if (!found) return
    record.invalid_cells = found
    invalid.rows++
    if (invalid.first_rows.length < 20) invalid.first_rows.push(record.row_number)
  }

  let iterated = false
  const records: AsyncIterable<FileRecord> = {
    [Symbol.asyncIterator]() {
      if (iterated) throw new Error("The records of a customer file can be read once")
      iterated = true
      return (async function* (): AsyncGenerator<FileRecord> {
        try {
          let pending: FileRecord | null = null
          for (;;) {
            const cells = await next()
            if (!cells) break
            if (isBlank(cells)) continue
            const record: FileRecord = { row_number: row, cells }
            const count = cells.length
            if (count > width) {
              let extra = false
              for (let i = width; i < count; i++) if (cells[i].trim() !== "") extra = true
              if (extra) record.error = raggedMessage(row, count, width, cells)
              cells.length = width
            } else if (count < width) {
              if (count < named) record.error = raggedMessage(row, count, width, cells)
              for (let i = count; i < width; i++) cells.push("")
            }
            flagInvalid(record)
            if (pending) yield pending
            pending = record
          }
          if (pending) {
            if (normalizer.unclosedQuote) {
              pending.error = `Row ${pending.row_number} has a quote (") that is never closed; everything after it was read as one value`
            }
            yield pending
          }
        } finally {
          close()
        }
      })()
    },
  }

  return {
    get encoding() {
      return normalizer.encoding
    },
    encoding_chosen: !!options.encoding,
    get invalid_bytes() {
      return { ...invalid, count: normalizer.invalidBytes, first_rows: [...invalid.first_rows] }
    },
    delimiter,
    headers,
    header_row_number: headerRow,
    records,
    close,
  }
}

function raggedMessage(row: number, count: number, width: number, cells: string[]): string {
  const base = `Row ${row} has ${count} value${count === 1 ? "" : "s"}, the header has ${width}`
  const multiline = cells.some((c) => c.includes("\n"))
  return multiline ? `${base} (a quote (") may be missing or extra)` : base
}
