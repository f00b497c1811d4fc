import { PassThrough } from "stream"
import ExcelJS from "exceljs"
import { EXPORT_COLUMNS } from "../columns"
import { emptyCustomerFileRow, fileDate } from "../customer-rows"
import { csvRowWriter, exportFileName, exportListParams, xlsxRowWriter } from "../export"

function collect(stream: PassThrough): Promise<Buffer> {
  const chunks: Buffer[] = []
  stream.on("data", (c: Buffer) => chunks.push(Buffer.from(c)))
  return new Promise((resolve, reject) => {
    stream.on("end", () => resolve(Buffer.concat(chunks)))
    stream.on("error", reject)
  })
}

const row = (values: Record<string, string>) => ({ ...emptyCustomerFileRow(), ...values })

describe("customer export writers", () => {
  it("CSV: BOM, labels as header, CRLF rows, quoting and formula neutralisation", async () => {
    const stream = new PassThrough()
    const done = collect(stream)
    const writer = csvRowWriter(stream)
    await writer.writeRows([
      row({ email: "a@example.com", company_name: "=1+1", phone: "+441234", address_1: 'Flat 2, "Mill"\nBack' }),
    ])
    await writer.writeRows([])
    await writer.finish()
    const text = (await done).toString("utf8")
    expect(text.startsWith("\uFEFF")).toBe(true)
    const lines = text.slice(1).split("\r\n")
    expect(lines).toHaveLength(3) // header, one row, "" after the last CRLF
    const [header, first, rest] = lines
    expect(header).toBe(EXPORT_COLUMNS.map((c) => c.label).join(","))
    expect(first).toContain(`a@example.com,,,"'=1+1","'+441234"`)
    expect(text).toContain(`"Flat 2, ""Mill""\nBack"`)
    expect(rest).toBe("")
  })

  it("CSV with no customers still has its header", async () => {
    const stream = new PassThrough()
    const done = collect(stream)
    const writer = csvRowWriter(stream)
    await writer.finish()
    expect((await done).toString("utf8")).toBe(`\uFEFF${EXPORT_COLUMNS.map((c) => c.label).join(",")}\r\n`)
  })

  it("XLSX: formula-like text stays a string cell, Orders is a number", async () => {
    const stream = new PassThrough()
    const done = collect(stream)
    const writer = xlsxRowWriter(stream)
    await writer.writeRows([row({ email: "a@example.com", company_name: "@SUM(1)", last_name: "-x", order_count: "3" })])
    await writer.finish()
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load((await done) as unknown as ArrayBuffer)
    const sheet = wb.getWorksheet("Customers")!
    const col = (key: string) => EXPORT_COLUMNS.findIndex((c) => c.key === key) + 1
    const company = sheet.getRow(2).getCell(col("company_name"))
    expect(company.text).toBe("@SUM(1)")
    expect(company.formula).toBeUndefined()
    expect(sheet.getRow(2).getCell(col("last_name")).text).toBe("-x")
    expect(sheet.getRow(2).getCell(col("order_count")).value).toBe(3)
    expect(sheet.getRow(2).getCell(col("title")).value).toBeNull()
  })
})

describe("export parameters", () => {
  it("turns the stored filter into list parameters (live customers only, dates back to Date)", () => {
    expect(
      exportListParams({
        q: "ada",
        status: ["guest"],
        category: [],
        created_from: "2026-01-01T00:00:00.000Z",
        sort: "name",
        direction: "asc",
      })
    ).toEqual({
      removed: false,
      q: "ada",
      status: ["guest"],
      category: undefined,
      store: undefined,
      invalid_email: undefined,
      birthday_this_month: undefined,
      account_type: undefined,
      created_from: new Date("2026-01-01T00:00:00.000Z"),
      created_to: undefined,
      sort: "name",
      direction: "asc",
    })
    expect(exportListParams({})).toMatchObject({ sort: "created_at", direction: "desc", removed: false })
  })

  it("names files by format and minute; formats dates as YYYY-MM-DD in UTC", () => {
    expect(exportFileName("xlsx", new Date("2026-03-04T05:06:07Z"))).toBe("customers-20260304-0506.xlsx")
    expect(fileDate(new Date("1990-02-28T00:00:00Z"))).toBe("1990-02-28")
    expect(fileDate("2026-12-31T23:30:00Z")).toBe("2026-12-31")
    expect(fileDate(null)).toBe("")
    expect(fileDate("not a date")).toBe("")
  })
})
