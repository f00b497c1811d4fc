import {
  floorMulDiv,
  maxPointsFor,
  pointsForTotal,
  pointsStep,
  pointsToAmount,
  refundReversalDelta,
} from "../points-checkout"

describe("points at checkout: arithmetic", () => {
  it("floors a × b / c exactly, also where binary floats go wrong", () => {
    expect(floorMulDiv(60, 55, 110)).toBe(30)
    expect(floorMulDiv(100, 1, 3)).toBe(33)
    expect(floorMulDiv("0.3", 10, 1)).toBe(3) // 0.1 * 3 * 10 in floats is 2.9999…
    expect(floorMulDiv("19.99", "1.1", 1)).toBe(21) // 21.989
    expect(floorMulDiv(0, 5, 7)).toBe(0)
    expect(() => floorMulDiv(1, 1, 0)).toThrow()
  })

  it("earns floor(total × rate) on decimal totals", () => {
    expect(pointsForTotal(110, 1)).toBe(110)
    expect(pointsForTotal("109.99", 1)).toBe(109)
    expect(pointsForTotal({ value: "59.5", precision: 20 } as any, 2)).toBe(119)
    expect(pointsForTotal("0.29", 10)).toBe(2)
    expect(pointsForTotal("99.99", 0.1)).toBe(9)
    expect(pointsForTotal(-5, 1)).toBe(0)
    expect(pointsForTotal(0, 1)).toBe(0)
  })

  it("converts points to a discount only when the currency can hold it", () => {
    expect(pointsToAmount(1234, 0.01, "usd")).toBe("12.34")
    expect(pointsToAmount(5, 0.01, "usd")).toBe("0.05")
    expect(pointsToAmount(150, 0.01, "jpy")).toBeNull()
    expect(pointsToAmount(200, 0.01, "jpy")).toBe("2")
    expect(pointsToAmount(3, 0.5, "eur")).toBe("1.5")
    expect(pointsStep(0.01, "usd")).toBe(1)
    expect(pointsStep(0.01, "jpy")).toBe(100)
    expect(pointsStep(0.004, "usd")).toBe(5)
  })

  it("caps the points a total can absorb", () => {
    expect(maxPointsFor(110, 0.01)).toBe(11000)
    expect(maxPointsFor("0.015", 0.01)).toBe(1)
    expect(maxPointsFor(0, 0.01)).toBe(0)
    expect(maxPointsFor(-3, 0.01)).toBe(0)
  })

  it("reverses refunds proportionally and cumulatively", () => {
    // 110 earned on 110: refunds of 30 then 25 then the rest
    expect(refundReversalDelta({ earned: 110, refunded: 30, basis: 110, alreadyReversed: 0 })).toBe(30)
    expect(refundReversalDelta({ earned: 110, refunded: 55, basis: 110, alreadyReversed: 30 })).toBe(25)
    expect(refundReversalDelta({ earned: 110, refunded: 110, basis: 110, alreadyReversed: 55 })).toBe(55)
    // rounding never over-reverses: 3 refunds of 1/3 add up to the whole
    expect(refundReversalDelta({ earned: 10, refunded: "33.33", basis: 100, alreadyReversed: 0 })).toBe(3)
    expect(refundReversalDelta({ earned: 10, refunded: "66.66", basis: 100, alreadyReversed: 3 })).toBe(3)
    expect(refundReversalDelta({ earned: 10, refunded: 100, basis: 100, alreadyReversed: 6 })).toBe(4)
    // replay of the same refund: nothing more; over-refund (shipping etc.) caps at earned
    expect(refundReversalDelta({ earned: 110, refunded: 30, basis: 110, alreadyReversed: 30 })).toBe(0)
    expect(refundReversalDelta({ earned: 110, refunded: 500, basis: 110, alreadyReversed: 0 })).toBe(110)
    expect(refundReversalDelta({ earned: 0, refunded: 5, basis: 110, alreadyReversed: 0 })).toBe(0)
    expect(refundReversalDelta({ earned: 7, refunded: 5, basis: 0, alreadyReversed: 0 })).toBe(7)
  })
})
