import { formatMinor, minorDigits } from "../money"

describe("house account money", () => {
  it("knows the minor unit of a currency", () => {
    expect(minorDigits("eur")).toBe(2)
    expect(minorDigits("JPY")).toBe(0)
    expect(minorDigits("kwd")).toBe(3)
  })

  it("formats minor units exactly, without floats", () => {
    expect(formatMinor(1250, "eur")).toBe("12.50 EUR")
    expect(formatMinor(-5, "eur")).toBe("-0.05 EUR")
    expect(formatMinor(0, "usd")).toBe("0.00 USD")
    expect(formatMinor(1500, "jpy")).toBe("1500 JPY")
    expect(formatMinor(Number.MAX_SAFE_INTEGER, "eur")).toBe("90071992547409.91 EUR")
  })
})
