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
import { Readable, pipeline } from "stream"
import csvParser from "csv-parser"
import * as iconv from "iconv-lite"
import { REPLACEMENT_CHAR, encodingLabel } from "./encodings"
import {
  CustomerFileError,
  EMPTY_FILE_MESSAGE,
  NOT_TEXT_MESSAGE,
  SAVE_AS_CSV,
  type CustomerFile,
  type CustomerFileDelimiter,
  type FileRecord,
  type InvalidBytesReport,
  type OpenCustomerFileOptions,
} from "./file-types"
import {
  chosenEncoding,
  controlCharRatio,
  rejectKnownFormats,
  sniffDelimiter,
  sniffEncoding,
  type Sniffed,
} from "./sniff"
import { CanonicalCsv, rowTooLong } from "./canonical-csv"

export * from "./file-types"
export { countUtf8, sniffDelimiter, utf8Verdict } from "./sniff"

const DEFAULT_MAX_ROW_BYTES = 1024 * 1024
const DEFAULT_SNIFF_BYTES = 64 * 1024

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
