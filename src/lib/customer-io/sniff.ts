/**
 * Sniffing a customer file's head: known binary formats, the encoding (BOM,
 * UTF-16 NUL pattern, UTF-8 against Windows-1252) and the delimiter.
 */
import { isAscii } from "buffer"
import { type CustomerFileEncoding } from "./encodings"
import { CustomerFileError, NOT_TEXT_MESSAGE, SAVE_AS_CSV, type CustomerFileDelimiter } from "./file-types"

export function startsWith(buf: Buffer, bytes: number[], at = 0): boolean {
  if (buf.length < at + bytes.length) return false
  for (let i = 0; i < bytes.length; i++) if (buf[at + i] !== bytes[i]) return false
  return true
}

export function ascii(s: string): number[] {
  return Array.from(s, (c) => c.charCodeAt(0))
}

/** Known binary formats merchants upload by mistake. */
export function rejectKnownFormats(head: Buffer): void {
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

export type Sniffed = { encoding: CustomerFileEncoding; bomLength: number; tentative: boolean }

export const UTF16BE_REFUSED =
  "This file is UTF-16 big-endian without a byte order mark; choose UTF-16 big-endian as its encoding or save it as CSV UTF-8"

export function sniffEncoding(head: Buffer, complete: boolean): Sniffed {
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
export function chosenEncoding(head: Buffer, encoding: CustomerFileEncoding): Sniffed {
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
export function utf8SequenceAt(buf: Buffer, i: number): number {
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
export function incompleteUtf8Tail(buf: Buffer): number {
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
export function controlCharRatio(text: string): number {
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
