import { cellTextProblem, storableCell } from "../../customer-import/validate"
import { dateInput, findTextProblem, parseDateInput, textProblem } from "../input"

describe("textProblem", () => {
  it.each([
    ["a\u0000b", "U+0000"],
    ["\u0007bell", "U+0007"],
    ["del\u007f", "U+007F"],
    ["c1\u0085", "U+0085"],
    ["evil\u202Eexe.txt", "U+202E"],
    ["\u2066isolate\u2069", "U+2066"],
  ])("refuses %p naming %s, on one line and on several", (value, code) => {
    expect(textProblem(value)).toContain(code)
    expect(textProblem(value, { multiLine: true })).toContain(code)
  })

  it("allows tab and line breaks only in multi-line texts", () => {
    expect(textProblem("first\nsecond\r\n\tthird", { multiLine: true })).toBeNull()
    expect(textProblem("first\nsecond")).toContain("single line")
    expect(textProblem("a\tb")).toContain("U+0009")
  })

  it("accepts ordinary text in any script, emoji and right-to-left letters", () => {
    for (const v of ["Zoë O'Brien", "Łódź", "東京", "שלום", "مرحبا", "🎉 VIP", "a\u200Db"]) {
      expect(textProblem(v)).toBeNull()
    }
  })
})

describe("findTextProblem", () => {
  it("names the field path of the first refused string, keys included", () => {
    expect(findTextProblem({ values: { first_name: "Ada\u0000" } })).toMatchObject({ field: "values.first_name" })
    expect(findTextProblem({ ids: ["a", "b", "c\u202E"] })).toMatchObject({ field: "ids.2" })
    expect(findTextProblem({ mapping: { "Na\u0000me": "first_name" } })).toMatchObject({ field: "mapping.Na\u0000me" })
    expect(findTextProblem({ q: "x\ny" })).toMatchObject({ field: "q" })
  })

  it("lets notes, descriptions, reasons and metadata span lines", () => {
    expect(findTextProblem({ body: "line 1\nline 2", description: "a\nb", reason: "x\ny" })).toBeNull()
    expect(findTextProblem({ metadata: { info: { text: "a\nb" } } })).toBeNull()
    expect(findTextProblem({ body: "a\u0000" })).toMatchObject({ field: "body" })
  })
})

describe("dates", () => {
  it.each(["2026-01-31", "1900-01-01", "2200-12-31", "2026-01-31T10:00:00Z", "2026-01-31T10:00:00.123+02:00"])(
    "accepts %p",
    (s) => expect(parseDateInput(s).ok).toBe(true)
  )

  it.each(["-200000-01-01", "+275760-09-13", "1899-12-31", "2201-01-01", "2026-02-31", "2026-13-01", "1", "March 7", "2026-01-31T25:00"])(
    "refuses %p",
    (s) => expect(parseDateInput(s).ok).toBe(false)
  )

  it("reads a plain date as a whole day for an upper bound", () => {
    expect(dateInput({ endOfDay: true }).parse("2026-01-31").toISOString()).toBe("2026-02-01T00:00:00.000Z")
    expect(dateInput({ endOfDay: true, inclusive: true }).parse("2026-01-31").toISOString()).toBe(
      "2026-01-31T23:59:59.999Z"
    )
    expect(dateInput({ endOfDay: true }).parse("2026-01-31T10:00:00Z").toISOString()).toBe("2026-01-31T10:00:00.000Z")
  })
})

describe("import cells", () => {
  it("keeps a NUL as U+FFFD, refused like control and bidi characters; a note may span lines", () => {
    expect(storableCell("Ada\u0000")).toBe("Ada\uFFFD")
    expect(cellTextProblem("first_name", storableCell("Ada\u0000"))).toContain("NUL")
    expect(cellTextProblem("city", "Paris\u202E")).toContain("U+202E")
    expect(cellTextProblem("city", "Paris\nCedex")).toContain("single line")
    expect(cellTextProblem("note", "line 1\nline 2")).toBeNull()
  })
})
