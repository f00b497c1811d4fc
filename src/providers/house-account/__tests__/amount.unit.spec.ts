import { BigNumber } from "@medusajs/framework/utils"
import { fromMinor, toMinor } from "../amount"

describe("house account provider amounts", () => {
  it("turns Medusa's major-unit amounts into integer minor units of the currency", () => {
    expect(toMinor(109.99, "usd")).toBe(10999)
    expect(toMinor("0.1", "eur")).toBe(10)
    expect(toMinor(new BigNumber(12.5), "EUR")).toBe(1250)
    expect(toMinor({ value: "109.99", precision: 20 }, "usd")).toBe(10999)
    expect(toMinor(1500, "jpy")).toBe(1500)
    expect(toMinor("1.234", "kwd")).toBe(1234)
  })

  it("rounds sub-minor fractions half up, exactly (no float error)", () => {
    expect(toMinor("1.005", "usd")).toBe(101)
    expect(toMinor("1.0049999", "usd")).toBe(100)
    expect(toMinor(0.1 + 0.2, "usd")).toBe(30)
  })

  it("refuses what is not an amount or out of range", () => {
    expect(() => toMinor(undefined, "usd")).toThrow(/not an amount/)
    expect(() => toMinor("abc", "usd")).toThrow(/not an amount/)
    expect(() => toMinor("1e30", "usd")).toThrow(/out of range/)
  })

  it("reports minor units back in major units", () => {
    expect(fromMinor(10999, "usd")).toBe(109.99)
    expect(fromMinor(1500, "jpy")).toBe(1500)
  })
})
