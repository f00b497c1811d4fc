import { copyIn, copyOut, FormerValueMatcher } from "../value-matcher"

const values = { long: ["Wilhelmina Zackerby", 'Say "hi"\tthen\nleave'], short: ["Zack", "QX9"], tooShort: 0, shared: 0 }
const m = new FormerValueMatcher(values)
/** A value as its COPY field (what the scan reads). */
const field = (v: string | null) => (v === null ? "\\N" : copyOut(v))

describe("FormerValueMatcher (the verification scan's rules on COPY text)", () => {
  it("COPY escaping round-trips and NULL is \\N", () => {
    for (const v of ["plain", "tab\there", "line\nbreak", "back\\slash", "cr\rlf", ""]) expect(copyIn(copyOut(v))).toBe(v)
    expect(copyIn("\\N")).toBeNull()
  })

  it("finds a long value anywhere in a text column, whatever the case, also with escaped characters", () => {
    expect(m.inField(field("Dear wilhelmina ZACKERBY, thanks"), false)).toBe(true)
    expect(m.inField(field('note: say "HI"\tthen\nleave now'), false)).toBe(true)
    expect(m.inField(field("Wilhelmina Zackerb"), false)).toBe(false)
    expect(m.inField(field(null), false)).toBe(false)
  })

  it("a short value matches only the whole text of a text column (spaces around ignored)", () => {
    expect(m.inField(field("  zack "), false)).toBe(true)
    expect(m.inField(field("Zackary"), false)).toBe(false)
  })

  it("in a JSON column: a long value inside a JSON string, a short value as a whole JSON string", () => {
    expect(m.inField(field(JSON.stringify({ note: "to Wilhelmina Zackerby" })), true)).toBe(true)
    expect(m.inField(field(JSON.stringify({ note: 'Say "hi"\tthen\nleave' })), true)).toBe(true)
    expect(m.inField(field(JSON.stringify({ nick: "Zack" })), true)).toBe(true)
    expect(m.inField(field(JSON.stringify({ nick: "Zackary" })), true)).toBe(false)
  })

  it("the quick pass over a block of rows never misses a row the column rules would match", () => {
    const rows = [
      ["cus_1", field("Someone"), field("Else")],
      ["cus_2", field(" ZACK"), field(null)],
    ]
      .map((r) => r.join("\t"))
      .join("\n")
    expect(m.inChunk(rows.toLowerCase())).toBe(true)
    expect(m.inChunk("cus_3\tnobody\t\\N".toLowerCase())).toBe(false)
    expect(new FormerValueMatcher({ long: [], short: [], tooShort: 2, shared: 0 }).empty).toBe(true)
  })
})
