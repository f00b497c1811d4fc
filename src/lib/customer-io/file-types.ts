/** The customer file reader's types and errors (src/lib/customer-io/read.ts). */
import type { CustomerFileEncoding } from "./encodings"

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
export const SAVE_AS_CSV = "save your spreadsheet as CSV (UTF-8) and upload that file"
