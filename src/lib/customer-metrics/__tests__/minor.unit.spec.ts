import { pointsValueMinor, toMinor } from "../minor"
import { divideHalfUp } from "../order-metrics-sql"

describe("toMinor", () => {
  it.each([
    [10, 2, 1000],
    [19.99, 2, 1999],
    ["23.988", 2, 2399],
    ["23.985", 2, 2399],
    ["23.984", 2, 2398],
    [{ value: "1.005", precision: 20 }, 2, 101],
    [-15, 2, -1500],
    ["-0.004", 2, 0],
    [1500, 0, 1500],
    ["0.1234", 3, 123],
    [1e-7, 2, 0],
    [null, 2, 0],
  ])("%p with %p digits → %p", (value, digits, expected) => {
    expect(toMinor(value, digits as number)).toBe(expected)
  })
})

describe("pointsValueMinor", () => {
  it("points × pointValue in minor units, integer arithmetic", () => {
    expect(pointsValueMinor(1234, 0.01, 2)).toBe(1234)
    expect(pointsValueMinor(3, 0.005, 2)).toBe(2) // 0.015 → 0.02 (half-up)
    expect(pointsValueMinor(100, 0.01, 0)).toBe(1)
    expect(pointsValueMinor(0, 0.5, 2)).toBe(0)
  })
})

describe("divideHalfUp", () => {
  it("rounds half-up on integers, 0 for no divisor", () => {
    expect(divideHalfUp(5000, 2)).toBe(2500)
    expect(divideHalfUp(5, 2)).toBe(3)
    expect(divideHalfUp(4, 3)).toBe(1)
    expect(divideHalfUp(-5, 2)).toBe(-3)
    expect(divideHalfUp(7, 0)).toBe(0)
  })
})
