import { ACCOUNT_CODE_PATTERN, normalizeAccountCode, pointsValue } from "../points-math"

describe("points math", () => {
  it("values points on integers, without float drift", () => {
    expect(pointsValue(1450, 0.01)).toBe(14.5)
    expect(pointsValue(3, 0.1)).toBe(0.3) // 3 × 0.1 is 0.30000000000000004 in floats
    expect(pointsValue(0, 0.01)).toBe(0)
    expect(pointsValue(1_000_000_000, 0.000001)).toBe(1000)
    expect(pointsValue(7, 2)).toBe(14)
    expect(pointsValue(123, 0.125)).toBe(15.375)
  })

  it("normalises a scanned or typed account code", () => {
    expect(normalizeAccountCode(" card 7781-0042\n")).toBe("CARD7781-0042")
    expect(ACCOUNT_CODE_PATTERN.test("CARD7781-0042")).toBe(true)
    expect(ACCOUNT_CODE_PATTERN.test("AB1")).toBe(false)
    expect(ACCOUNT_CODE_PATTERN.test("A".repeat(33))).toBe(false)
    expect(ACCOUNT_CODE_PATTERN.test("CARD_1")).toBe(false)
  })
})
