/** Bytes in any supported encoding → canonical UTF-8 CSV for csv-parser (src/lib/customer-io/read.ts). */
import { Transform, TransformCallback } from "stream"
import * as iconv from "iconv-lite"
import { REPLACEMENT_CHAR, type CustomerFileEncoding } from "./encodings"
import { isAscii, isUtf8 } from "buffer"
import { CustomerFileError, type CustomerFileDelimiter } from "./file-types"
import { incompleteUtf8Tail, utf8Verdict, type Sniffed } from "./sniff"

export const LF = 0x0a
export const CR = 0x0d
export const QUOTE = 0x22
export const EMPTY = Buffer.alloc(0)

export type Decoder = { write(buf: Buffer): string; end(): string | undefined }

// Tokenizer states.
export const FIELD_START = 0 // nothing of the current field read yet
export const UNQUOTED = 1 // plain field, written as read
export const QUOTED = 2 // inside a quoted field
export const QUOTE_IN_QUOTED = 3 // a quote inside a quoted field: doubled quote or end of the quotes
export const REQUOTED = 4 // a field read as text with quotes in it: written quoted, quotes doubled

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
export class CanonicalCsv extends Transform {
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

export function rowTooLong(row: number, maxRowBytes: number): CustomerFileError {
  const size =
    maxRowBytes >= 1048576 ? `${Math.round(maxRowBytes / 1048576)} MB` : `${Math.max(1, Math.round(maxRowBytes / 1024))} KB`
  return new CustomerFileError(
    `Row ${row} is longer than ${size}; check for a quote (") that is opened but never closed`,
    "row_too_long"
  )
}

// ---------------------------------------------------------------------------
// The reader
