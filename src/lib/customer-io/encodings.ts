/**
 * The character encodings a customer file can be read with: what the reader
 * detects (UTF-8, UTF-16, Windows-1252) and what the merchant can choose on
 * the review screen when the detection guessed wrong. Shared by the API
 * (validation of the choice) and the admin (the choice list).
 */
export const FILE_ENCODINGS = [
  { key: "utf-8", label: "UTF-8 (Unicode)" },
  { key: "utf-16le", label: "UTF-16 little-endian (Excel “Unicode Text”)" },
  { key: "utf-16be", label: "UTF-16 big-endian" },
  { key: "windows-1252", label: "Windows-1252 (Western European, Excel on Windows)" },
  { key: "windows-1250", label: "Windows-1250 (Central European)" },
  { key: "iso-8859-15", label: "ISO-8859-15 (Latin-9)" },
  { key: "macintosh", label: "Mac Roman (Excel for Mac before 2016)" },
] as const

export type CustomerFileEncoding = (typeof FILE_ENCODINGS)[number]["key"]

export const FILE_ENCODING_KEYS = FILE_ENCODINGS.map((e) => e.key) as [CustomerFileEncoding, ...CustomerFileEncoding[]]

export function encodingLabel(key: string | null | undefined): string {
  return FILE_ENCODINGS.find((e) => e.key === key)?.label ?? key ?? "unknown"
}

/** What an undecodable character is replaced with (U+FFFD, shown as �). */
export const REPLACEMENT_CHAR = "\uFFFD"
