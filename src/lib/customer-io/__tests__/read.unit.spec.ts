import { createReadStream, mkdtempSync, rmSync, writeFileSync } from "fs"
import { tmpdir } from "os"
import { join } from "path"
import { PassThrough, Readable } from "stream"
import * as iconv from "iconv-lite"
import { CustomerFileError, FileRecord, countUtf8, openCustomerFile, sniffDelimiter, utf8Verdict } from "../read"
import {
  LONG_FIELD,
  SHOPIFY_HEADERS,
  Table,
  binaryFiles,
  buildMatrix,
  cell,
  chunked,
  encode,
  expectedRecords,
  prng,
  serialize,
} from "./corpus"

async function readAll(input: NodeJS.ReadableStream, options?: Parameters<typeof openCustomerFile>[1]) {
  const file = await openCustomerFile(input, options)
  const records: FileRecord[] = []
  for await (const r of file.records) records.push(r)
  return { file, records, encoding: file.encoding }
}

async function fileError(input: NodeJS.ReadableStream, options?: Parameters<typeof openCustomerFile>[1]) {
  try {
    await readAll(input, options)
  } catch (e) {
    expect(e).toBeInstanceOf(CustomerFileError)
    return e as CustomerFileError
  }
  throw new Error("expected a CustomerFileError")
}

const text = (s: string) => Readable.from([Buffer.from(s, "utf8")], { objectMode: false })

// Anything escaping as an uncaught exception or unhandled rejection fails the suite.
const escaped: unknown[] = []
const onEscape = (e: unknown) => escaped.push(e)
beforeAll(() => {
  process.on("uncaughtException", onEscape)
  process.on("unhandledRejection", onEscape)
})
afterAll(() => {
  process.off("uncaughtException", onEscape)
  process.off("unhandledRejection", onEscape)
  expect(escaped).toEqual([])
})

describe("customer file reader — corpus matrix", () => {
  const matrix = buildMatrix()
  // Chunk sizes rotate so that chunk boundaries fall inside BOMs, multi-byte
  // characters, UTF-16 code units, CRLF pairs, doubled quotes and quoted newlines.
  const chunkSizes = [1 << 16, 3, 17, 1, 4096, 2]

  it("covers every encoding × line ending × delimiter × final newline", () => {
    expect(matrix).toHaveLength(5 * 3 * 3 * 2)
  })

  it.each(matrix.map((f, i) => [f.name, f, chunkSizes[i % chunkSizes.length]] as const))(
    "%s",
    async (_name, f, chunkSize) => {
      const { file, records } = await readAll(chunked(f.bytes, chunkSize))
      expect(file.encoding).toBe(f.encoding)
      expect(file.delimiter).toBe(f.delimiter)
      expect(file.headers).toEqual(f.headers)
      expect(file.header_row_number).toBe(1)
      // ok + error records = data records, each on the row a spreadsheet shows
      expect(records).toHaveLength(f.records.length)
      expect(records.map((r) => r.row_number)).toEqual(f.records.map((r) => r.row_number))
      records.forEach((r, i) => {
        expect({ row: r.row_number, cells: r.cells }).toEqual({ row: f.records[i].row_number, cells: f.records[i].cells })
        expect({ row: r.row_number, ragged: Boolean(r.error) }).toEqual({
          row: f.records[i].row_number,
          ragged: f.records[i].ragged,
        })
      })
      // Rows chosen by hand: after a blank line at the start, after quoted
      // newlines (CRLF, LF) and after two blank lines.
      const byEmail = new Map(records.map((r) => [r.cells[0], r]))
      expect(records[0].row_number).toBe(3)
      expect(byEmail.get("ada@example.com")!.row_number).toBe(3)
      expect(byEmail.get("crlf@example.com")!.row_number).toBe(7)
      expect(byEmail.get("lf@example.com")!.row_number).toBe(8)
      expect(byEmail.get("after-blank@example.com")!.row_number).toBe(11)
      expect(byEmail.get("short@example.com")!.error).toBe("Row 13 has 3 values, the header has 7")
      expect(byEmail.get("long@example.com")!.error).toBe("Row 14 has 9 values, the header has 7")
      expect(byEmail.get("trailing-empties@example.com")!.error).toBeUndefined()
      // Decoded text equals the original.
      expect(byEmail.get("jose@example.com")!.cells).toEqual([
        "jose@example.com", "José", "Müller", "+33612345678", "Straße 5 — €12", "café; thé", "Œuvre & Fils",
      ])
      expect(byEmail.get("bigfield@example.com")!.cells[4]).toBe(LONG_FIELD)
      expect(byEmail.get("bigfield@example.com")!.cells[4]).toHaveLength(10_000)
      expect(byEmail.get("doubled@example.com")!.cells).toEqual(["doubled@example.com", "Say", `"Hi"`, "", `He said ""twice""`, `""`, `"`])
      expect(byEmail.get("crlf@example.com")!.cells[4]).toBe("line one\r\nline two")
      // Formula cells are data: the reader keeps them as written.
      expect(byEmail.get("formula@example.com")!.cells.slice(1)).toEqual([
        "=SUM(A1:A2)", "+33612345678", "-1", "@x", `=HYPERLINK("http://x")`, "'=kept",
      ])
      if (f.encoding !== "windows-1252") {
        expect(byEmail.get("wide@example.com")!.cells.slice(1, 3)).toEqual(["日本", "😀 Émoji"])
      }
    }
  )
})

describe("customer file reader — headers", () => {
  it("reads a Shopify customer export as it is", async () => {
    const table: Table = {
      headers: SHOPIFY_HEADERS,
      lines: [
        {
          values: [
            "'7070056317185", "Ada", "Lovelace", "ada@example.com", "yes", "", "12 St James's Square", "", "London",
            "", "GB", "SW1Y 4JH", "'+442079460958", "'+442079460958", "no", "120.50", "3", "", "no", "vip, newsletter",
          ],
        },
      ],
    }
    // Shopify quotes every value and ends lines with LF.
    const bytes = Buffer.from(serialize(table, { delimiter: ",", eol: "\n", trailingNewline: true, quoteAll: true }))
    const { file, records } = await readAll(chunked(bytes, 13))
    expect(file.headers).toEqual(SHOPIFY_HEADERS)
    expect(records).toEqual([{ row_number: 2, cells: table.lines[0]["values"] }])
  })

  it("trims header names and keeps upper case, empty and duplicate names distinct", async () => {
    const { file, records } = await readAll(
      text("  EMAIL ,First Name,first name,, Phone\t,First Name,\r\nA@EXAMPLE.COM,Ada,ada,x,+1,Ada2,\r\n")
    )
    expect(file.headers).toEqual(["EMAIL", "First Name", "first name", "", "Phone", "First Name", ""])
    expect(records).toEqual([{ row_number: 2, cells: ["A@EXAMPLE.COM", "Ada", "ada", "x", "+1", "Ada2", ""] }])
  })

  it("accepts rows without the values of trailing unnamed columns", async () => {
    const { file, records } = await readAll(text("Email,Name,,\na@example.com,Ada\nb@example.com\n"))
    expect(file.headers).toEqual(["Email", "Name", "", ""])
    expect(records).toEqual([
      { row_number: 2, cells: ["a@example.com", "Ada", "", ""] },
      { row_number: 3, cells: ["b@example.com", "", "", ""], error: "Row 3 has 1 value, the header has 4" },
    ])
  })

  it("counts blank lines before the header", async () => {
    const { file, records } = await readAll(text("\r\n\r\nEmail;Name\r\na@example.com;Ada\r\n"))
    expect(file.header_row_number).toBe(3)
    expect(file.delimiter).toBe(";")
    expect(records).toEqual([{ row_number: 4, cells: ["a@example.com", "Ada"] }])
  })

  it("honours Excel's sep= line (not a row of the sheet)", async () => {
    const { file, records } = await readAll(text("sep=;\r\nEmail;Note\r\na@example.com;one, two\r\n"))
    expect(file.delimiter).toBe(";")
    expect(file.headers).toEqual(["Email", "Note"])
    expect(records).toEqual([{ row_number: 2, cells: ["a@example.com", "one, two"] }])
  })

  it("sniffs the delimiter outside quotes, ties going to comma", () => {
    expect(sniffDelimiter("a,b,c\n1;2;3;4;5")).toBe(",")
    expect(sniffDelimiter(`"a;b;c",d\n`)).toBe(",")
    expect(sniffDelimiter(`"a,b,c";d;e\n`)).toBe(";")
    expect(sniffDelimiter("a\tb\tc\r\n")).toBe("\t")
    expect(sniffDelimiter("a;b,c\tx")).toBe(",")
    expect(sniffDelimiter("Email")).toBe(",")
  })
})

describe("customer file reader — quoting as a spreadsheet reads it", () => {
  it.each([1, 2, 5, 4096])("keeps stray quotes as data without merging rows (chunks of %i)", async (size) => {
    const bytes = Buffer.from(
      'Email,Note\r\na@example.com,5" screen\r\nb@example.com,"quoted" then text\r\nc@example.com, "spaced"\r\nd@example.com,x""y\r\ne@example.com,ok\r\n'
    )
    const { records } = await readAll(chunked(bytes, size))
    expect(records).toEqual([
      { row_number: 2, cells: ["a@example.com", '5" screen'] },
      { row_number: 3, cells: ["b@example.com", "quoted then text"] },
      { row_number: 4, cells: ["c@example.com", ' "spaced"'] },
      { row_number: 5, cells: ["d@example.com", 'x""y'] },
      { row_number: 6, cells: ["e@example.com", "ok"] },
    ])
  })

  it("keeps a lone CR inside quotes as data in a CR-separated file", async () => {
    const { records } = await readAll(chunked(Buffer.from('Email,Note\r"a@example.com","one\rtwo"\r\rb@example.com,x'), 1))
    expect(records).toEqual([
      { row_number: 2, cells: ["a@example.com", "one\rtwo"] },
      { row_number: 4, cells: ["b@example.com", "x"] },
    ])
  })

  it("flags a quote that is never closed and keeps what follows as the value", async () => {
    const { records } = await readAll(text('Email,Note\na@example.com,ok\nb@example.com,"open\nc@example.com,lost?\n'))
    expect(records).toHaveLength(2)
    expect(records[1]).toEqual({
      row_number: 3,
      cells: ["b@example.com", "open\nc@example.com,lost?\n"],
      error: 'Row 3 has a quote (") that is never closed; everything after it was read as one value',
    })
  })

  it("skips rows that are only delimiters or spaces but counts them", async () => {
    const { records } = await readAll(text("Email,Name\n,\n   \n;\na@example.com,Ada\n,,,\n"))
    expect(records).toEqual([
      { row_number: 4, cells: [";", ""], error: "Row 4 has 1 value, the header has 2" },
      { row_number: 5, cells: ["a@example.com", "Ada"] },
    ])
  })

  it("reads random quoting of random values back exactly (seeded fuzz)", async () => {
    const random = prng(7)
    const alphabet = ['"', ",", ";", "\t", "\r", "\n", "\r\n", "a", "b", "é", "€", "😀", " ", "=", "'"]
    const value = () => {
      const len = Math.floor(random() * 8)
      let s = ""
      for (let i = 0; i < len; i++) s += alphabet[Math.floor(random() * alphabet.length)]
      return s
    }
    for (let round = 0; round < 40; round++) {
      const delimiter = ([",", ";", "\t"] as const)[round % 3]
      const eol = (["\r\n", "\n", "\r"] as const)[Math.floor(round / 3) % 3]
      const headers = ["Email", "A", "B", "C"]
      const rows = Array.from({ length: 30 }, (_, i) => [`r${i}@example.com`, value(), value(), value()])
      const body =
        [headers, ...rows].map((r) => r.map((c) => cell(c, delimiter, random() < 0.2)).join(delimiter)).join(eol) + eol
      const { file, records } = await readAll(chunked(Buffer.from(body), 1 + Math.floor(random() * 50)))
      expect(file.delimiter).toBe(delimiter)
      expect(records.map((r) => r.cells)).toEqual(rows)
      expect(records.map((r) => r.row_number)).toEqual(rows.map((_, i) => i + 2))
      expect(records.filter((r) => r.error)).toEqual([])
    }
  })
})

describe("customer file reader — encodings", () => {
  it("switches to Windows-1252 when the first non-UTF-8 byte comes after the sniffed head", async () => {
    const head = "Email,Name\r\n" + "ascii@example.com,Plain\r\n".repeat(4000) // > 64 KB of ASCII
    const bytes = Buffer.concat([Buffer.from(head), iconv.encode("jose@example.com,José Straße €\r\n", "windows-1252")])
    const { file, records } = await readAll(chunked(bytes, 65536))
    expect(file.encoding).toBe("windows-1252")
    expect(records).toHaveLength(4001)
    expect(records[4000]).toEqual({ row_number: 4002, cells: ["jose@example.com", "José Straße €"] })
  })

  it("reads UTF-16LE as Excel's 'Unicode Text' writes it (BOM, tabs, CRLF)", async () => {
    const bytes = encode("\uFEFFEmail\tName\r\nzoe@example.com\tZoë 😀\r\n", "utf-16le")
    const { file, records } = await readAll(chunked(bytes, 3))
    expect(file.encoding).toBe("utf-16le")
    expect(file.delimiter).toBe("\t")
    expect(records).toEqual([{ row_number: 2, cells: ["zoe@example.com", "Zoë 😀"] }])
  })

  it("reads UTF-16 big-endian, with a BOM or recognised by its NUL bytes", async () => {
    const utf16be = (t: string) => iconv.encode(t, "utf-16be")
    for (const bytes of [
      Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be("Email,Name\r\nzoe@example.com,Zoë 😀\r\n")]),
      utf16be("Email,Name\r\nzoe@example.com,Zoë 😀\r\n"),
    ]) {
      const { file, records } = await readAll(chunked(bytes, 3))
      expect(file.encoding).toBe("utf-16be")
      expect(file.headers).toEqual(["Email", "Name"])
      expect(records).toEqual([{ row_number: 2, cells: ["zoe@example.com", "Zoë 😀"] }])
    }
  })

  it("reads a file from disk through fs.createReadStream", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cbo-read-"))
    try {
      const path = join(dir, "customers.csv")
      writeFileSync(path, encode("Email;Name\r\njose@example.com;José\r\n", "utf-8-bom"))
      const { file, records } = await readAll(createReadStream(path))
      expect(file.encoding).toBe("utf-8")
      expect(file.headers).toEqual(["Email", "Name"]) // BOM stripped
      expect(records).toEqual([{ row_number: 2, cells: ["jose@example.com", "José"] }])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe("customer file reader — files that are not customer tables", () => {
  it.each(binaryFiles().map((f) => [f.name, f] as const))("%s gets a clear message", async (_name, f) => {
    const source = chunked(f.bytes, 1000)
    const e = await fileError(source)
    expect(e.message).toMatch(f.message)
    expect(source.destroyed).toBe(true)
  })

  it.each([
    ["an empty file", Buffer.alloc(0)],
    ["a BOM only", Buffer.from([0xef, 0xbb, 0xbf])],
    ["a UTF-16 BOM only", Buffer.from([0xff, 0xfe])],
    ["blank lines only", Buffer.from("\r\n\r\n   \r\n")],
    ["delimiters only", Buffer.from(",,,\n,,\n")],
  ])("%s: 'The file is empty'", async (_name, bytes) => {
    const e = await fileError(chunked(bytes, 2))
    expect(e.code).toBe("empty")
    expect(e.message).toBe("The file is empty")
  })

  it.each([
    ["with a final newline", "Email,First Name\r\n"],
    ["without a final newline", "Email,First Name"],
    ["followed by blank lines", "Email,First Name\n\n\n"],
  ])("a header only (%s) has zero records", async (_name, s) => {
    const { file, records } = await readAll(text(s))
    expect(file.headers).toEqual(["Email", "First Name"])
    expect(records).toEqual([])
  })

  it("refuses a record longer than the cap with a clear message instead of buffering it", async () => {
    const source = new PassThrough()
    const opened = openCustomerFile(source)
    source.write("Email,Note\n")
    source.write('a@example.com,"')
    const chunk = Buffer.alloc(64 * 1024, "x")
    for (let i = 0; i < 40; i++) source.write(chunk) // 2.5 MB without a closing quote
    source.end()
    const e = await (async () => {
      try {
        const file = await opened
        for await (const _ of file.records) {
          // reading
        }
      } catch (err) {
        return err as CustomerFileError
      }
      throw new Error("expected a CustomerFileError")
    })()
    expect(e).toBeInstanceOf(CustomerFileError)
    expect(e.code).toBe("row_too_long")
    expect(e.message).toBe('Row 2 is longer than 1 MB; check for a quote (") that is opened but never closed')
  })

  it("a long unquoted line is refused too (the cap is an option)", async () => {
    const e = await fileError(text("Email,Note\na@example.com,ok\nb@example.com," + "y".repeat(5000) + "\n"), {
      maxRowBytes: 1000,
    })
    expect(e.code).toBe("row_too_long")
    expect(e.message).toMatch(/^Row 3 is longer than 1 KB/)
  })
})

describe("customer file reader — streams", () => {
  it("releases the source when the caller stops early", async () => {
    const bytes = Buffer.from("Email\n" + "a@example.com\n".repeat(10_000))
    const source = chunked(bytes, 1024)
    const file = await openCustomerFile(source)
    let seen = 0
    for await (const r of file.records) {
      seen = r.row_number
      if (seen === 3) break
    }
    expect(seen).toBe(3)
    await new Promise((r) => setImmediate(r))
    expect(source.destroyed).toBe(true)
  })

  it("releases the source when only the header is read (close)", async () => {
    const source = chunked(Buffer.from("Email\n" + "a@example.com\n".repeat(10_000)), 1024)
    const file = await openCustomerFile(source)
    expect(file.headers).toEqual(["Email"])
    file.close()
    await new Promise((r) => setImmediate(r))
    expect(source.destroyed).toBe(true)
  })

  it("passes a read failure of the source through as it is", async () => {
    const source = new PassThrough()
    const opened = openCustomerFile(source)
    source.write("Email\na@example.com\n")
    source.end()
    const file = await opened
    const failing = new PassThrough()
    const openedFailing = openCustomerFile(failing)
    failing.write("Email\n")
    setImmediate(() => failing.destroy(new Error("storage unavailable")))
    await expect(
      (async () => {
        const f = await openedFailing
        for await (const _ of f.records) {
          // reading
        }
      })()
    ).rejects.toThrow("storage unavailable")
    const records: FileRecord[] = []
    for await (const r of file.records) records.push(r)
    expect(records).toEqual([{ row_number: 2, cells: ["a@example.com"] }])
  })

  it("streams large files with a bounded head (records arrive before the source ends)", async () => {
    const source = new PassThrough()
    const opened = openCustomerFile(source)
    source.write("Email,Name\n")
    for (let i = 0; i < 3000; i++) source.write(`u${i}@example.com,User ${i}\n`) // ~80 KB
    const file = await opened
    const it = file.records[Symbol.asyncIterator]()
    const first = await it.next()
    expect(first.value).toEqual({ row_number: 2, cells: ["u0@example.com", "User 0"] })
    expect(source.writableEnded).toBe(false)
    source.end("last@example.com,Last\n")
    let last: FileRecord | undefined
    for (let r = await it.next(); !r.done; r = await it.next()) last = r.value
    expect(last).toEqual({ row_number: 3002, cells: ["last@example.com", "Last"] })
  })

  it("a ragged row message matches the contract wording", async () => {
    const { records } = await readAll(text("a,b,c,d,e,f,g\n1,2,3,4,5\n"))
    expect(records[0].error).toBe("Row 2 has 5 values, the header has 7")
    expect(records[0].cells).toEqual(["1", "2", "3", "4", "5", "", ""])
  })

  it("expectedRecords of the corpus table agrees with its own hand-checked rows", () => {
    const records = expectedRecords({ headers: ["a", "b"], lines: [{ blank: true }, { values: ["1"] }, { values: ["1", "2", ""] }] })
    expect(records).toEqual([
      { row_number: 3, cells: ["1", ""], ragged: true },
      { row_number: 4, cells: ["1", "2"], ragged: false },
    ])
  })
})

describe("customer file reader — deciding the encoding", () => {
  const people = "Email,First Name,Last Name\r\n" + "jm@example.com,Jürgen,Müller\r\n".repeat(3)
  const bad = Buffer.from("bad@example.com,Ren\xe9,Brown\r\n", "latin1") // é written in Windows-1252

  it("keeps a UTF-8 file with one invalid byte UTF-8 and names the cell that holds it", async () => {
    const bytes = Buffer.concat([Buffer.from(people), bad, Buffer.from("zoe@example.com,Zoë,Ärger\r\n")])
    for (const size of [1 << 16, 1, 2, 3, 7]) {
      const { file, records } = await readAll(chunked(bytes, size))
      expect(file.encoding).toBe("utf-8")
      expect(file.encoding_chosen).toBe(false)
      expect(records.map((r) => r.cells[2])).toEqual(["Müller", "Müller", "Müller", "Brown", "Ärger"])
      expect(records[0]).toEqual({ row_number: 2, cells: ["jm@example.com", "Jürgen", "Müller"] })
      expect(records[3]).toEqual({
        row_number: 5,
        cells: ["bad@example.com", "Ren\uFFFD", "Brown"],
        invalid_cells: [1],
      })
      expect(records.filter((r) => r.invalid_cells)).toHaveLength(1)
      expect(file.invalid_bytes).toEqual({ count: 1, rows: 1, first_rows: [5] })
    }
  })

  it("keeps a UTF-8 file UTF-8 when a row after the sniffed head is not, flagging that row only", async () => {
    const bytes = Buffer.concat([
      Buffer.from("Email,Name\r\na@example.com,Zoë\r\n" + "b@example.com,B\r\n".repeat(5000)),
      iconv.encode("c@example.com,José\r\n", "windows-1252"),
      Buffer.from("d@example.com,Jürgen\r\n"),
    ])
    const { file, records } = await readAll(chunked(bytes, 65536))
    expect(file.encoding).toBe("utf-8")
    expect(records).toHaveLength(5003)
    expect(records[0].cells).toEqual(["a@example.com", "Zoë"])
    expect(records[5001]).toEqual({ row_number: 5003, cells: ["c@example.com", "Jos\uFFFD"], invalid_cells: [1] })
    expect(records[5002]).toEqual({ row_number: 5004, cells: ["d@example.com", "Jürgen"] })
    expect(file.invalid_bytes).toEqual({ count: 1, rows: 1, first_rows: [5003] })
  })

  it("decides a file that is ASCII for more than the sniffed head on what follows its first non-ASCII byte", async () => {
    const ascii = "Email,Name\r\n" + "ascii@example.com,Plain\r\n".repeat(4000) // > 64 KB of ASCII
    // UTF-8 whose first non-ASCII byte is a broken one: stays UTF-8
    const badRow = Buffer.from("bad@example.com,Ren\xe9\r\n", "latin1")
    const utf8 = Buffer.concat([Buffer.from(ascii), badRow, Buffer.from("jm@example.com,Jürgen Müller\r\n".repeat(3))])
    let read = await readAll(chunked(utf8, 65536))
    expect(read.encoding).toBe("utf-8")
    expect(read.records.slice(-3).map((r) => r.cells[1])).toEqual(["Jürgen Müller", "Jürgen Müller", "Jürgen Müller"])
    expect(read.records[4000]).toEqual({ row_number: 4002, cells: ["bad@example.com", "Ren\uFFFD"], invalid_cells: [1] })
    // Windows-1252 after the ASCII head, with a UTF-8-looking pair ("É’" = C9 92) in it: Windows-1252
    const cp1252 = Buffer.concat([
      Buffer.from(ascii),
      iconv.encode("cafe@example.com,CAFÉ’S Müller\r\njose@example.com,José Straße €\r\n", "windows-1252"),
    ])
    read = await readAll(chunked(cp1252, 1000))
    expect(read.encoding).toBe("windows-1252")
    expect(read.records.slice(-2).map((r) => r.cells[1])).toEqual(["CAFÉ’S Müller", "José Straße €"])
    expect(read.file.invalid_bytes).toEqual({ count: 0, rows: 0, first_rows: [] })
  })

  it("reads a file with more broken bytes than UTF-8 characters as Windows-1252", async () => {
    const bytes = iconv.encode("Email,Name\r\ncafe@example.com,CAFÉ’S Müller\r\njose@example.com,José Straße\r\n", "windows-1252")
    const { file, records } = await readAll(chunked(bytes, 5))
    expect(file.encoding).toBe("windows-1252")
    expect(records.map((r) => r.cells[1])).toEqual(["CAFÉ’S Müller", "José Straße"])
  })

  it("counts valid multi-byte UTF-8 characters against bytes that are not UTF-8; ties stay UTF-8", () => {
    expect(countUtf8(Buffer.from("Jürgen Müller 😀 €"))).toEqual({ multibyte: 4, invalid: 0 })
    expect(countUtf8(iconv.encode("José Müller", "windows-1252"))).toEqual({ multibyte: 0, invalid: 2 })
    // overlong, surrogate, truncated and stray continuation bytes are not UTF-8
    expect(countUtf8(Buffer.from([0xc0, 0xaf, 0xed, 0xa0, 0x80, 0xe2, 0x82, 0x41, 0x80]))).toEqual({ multibyte: 0, invalid: 8 })
    expect(utf8Verdict(Buffer.concat([Buffer.from("é"), Buffer.from([0xe9, 0x20])]))).toBe("utf-8")
    expect(utf8Verdict(Buffer.concat([Buffer.from("é"), Buffer.from([0xe9, 0x20, 0xfc])]))).toBe("windows-1252")
    expect(utf8Verdict(Buffer.from("plain"))).toBe("utf-8")
  })

  it("reads the file with the encoding chosen for it, skipping that encoding's BOM", async () => {
    const utf8 = Buffer.from("\uFEFFEmail,Name\r\njm@example.com,Jürgen Müller\r\n")
    let read = await readAll(chunked(utf8, 4), { encoding: "windows-1252" })
    expect(read.encoding).toBe("windows-1252")
    expect(read.file.encoding_chosen).toBe(true)
    expect(read.file.headers).toEqual(["ï»¿Email", "Name"]) // the UTF-8 BOM is not Windows-1252's
    expect(read.records[0].cells[1]).toBe("JÃ¼rgen MÃ¼ller")

    read = await readAll(chunked(utf8, 4), { encoding: "utf-8" })
    expect(read.file.headers).toEqual(["Email", "Name"])
    expect(read.records[0].cells[1]).toBe("Jürgen Müller")

    const mac = iconv.encode("Email;Name\rjm@example.com;Jürgen Müller\r", "macintosh")
    read = await readAll(chunked(mac, 3), { encoding: "macintosh" })
    expect(read.records).toEqual([{ row_number: 2, cells: ["jm@example.com", "Jürgen Müller"] }])

    const cp1250 = iconv.encode("Email,Name\nzs@example.com,Łukasz Żółć\n", "windows-1250")
    read = await readAll(chunked(cp1250, 2), { encoding: "windows-1250" })
    expect(read.records[0].cells[1]).toBe("Łukasz Żółć")
  })

  it("refuses a chosen encoding the file does not read as text in, naming it", async () => {
    const utf16 = encode("\uFEFFEmail\tName\r\nzoe@example.com\tZoë\r\n", "utf-16le-bom")
    const e = await fileError(chunked(utf16, 8), { encoding: "utf-8" })
    expect(e.code).toBe("encoding")
    expect(e.message).toBe("The file does not read as text in UTF-8 (Unicode); choose another encoding")
  })
})
