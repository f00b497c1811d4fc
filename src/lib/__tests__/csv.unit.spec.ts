import { csvCell, csvRow, neutralizeCsvFormula } from "../csv"

describe("csv", () => {
  it.each(["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx", "=HYPERLINK(\"http://x\")"])(
    "neutralises %j so spreadsheets show it as text",
    (value) => {
      expect(neutralizeCsvFormula(value)).toBe(`'${value}`)
      expect(csvCell(value).startsWith(`"'`)).toBe(true)
    }
  )

  it("leaves ordinary text, numbers and dates as they are", () => {
    expect(csvCell("Ada")).toBe("Ada")
    expect(csvCell("a-b")).toBe("a-b")
    expect(csvCell(42)).toBe("42")
    expect(csvCell(-5)).toBe("-5")
    expect(csvCell(null)).toBe("")
    expect(csvCell(undefined)).toBe("")
    expect(csvCell(new Date("2026-01-02T03:04:05.000Z"))).toBe("2026-01-02T03:04:05.000Z")
  })

  it("quotes commas, quotes and line breaks (RFC 4180)", () => {
    expect(csvCell('Smith, "Jr"')).toBe('"Smith, ""Jr"""')
    expect(csvCell("a\nb")).toBe('"a\nb"')
    expect(csvRow(["a", "=cmd|' /C calc'!A0", null])).toBe(`a,"'=cmd|' /C calc'!A0",\r\n`)
  })
})
