import { checkVatNumber } from "../vat"

describe("checkVatNumber", () => {
  it("accepts EU and UK numbers with valid check digits, normalised", () => {
    expect(checkVatNumber("gb 980 780 684")).toEqual({ ok: true, value: "GB980780684", country: "GB" })
    expect(checkVatNumber("DE136695976")).toEqual({ ok: true, value: "DE136695976", country: "DE" })
    expect(checkVatNumber("NL 0044.95.445.B01")).toEqual({ ok: true, value: "NL004495445B01", country: "NL" })
    expect(checkVatNumber("EL094259216")).toMatchObject({ ok: true, value: "EL094259216" })
  })

  it("refuses a supported country's number whose check digits or format are wrong, naming the country", () => {
    const bad = checkVatNumber("DE136695978")
    expect(bad).toEqual({ ok: false, message: expect.stringMatching(/not a valid Germany VAT number/) })
    expect(checkVatNumber("FR123")).toMatchObject({ ok: false })
    expect(checkVatNumber("GB12")).toMatchObject({ ok: false })
  })

  it("other countries: an optional prefix and 4 to 20 letters and digits", () => {
    expect(checkVatNumber("AU 51 824 753 556")).toEqual({ ok: true, value: "AU51824753556", country: "AU" })
    expect(checkVatNumber("123456789")).toEqual({ ok: true, value: "123456789", country: null })
    expect(checkVatNumber("12")).toMatchObject({ ok: false })
    expect(checkVatNumber("ABC#123")).toMatchObject({ ok: false })
    expect(checkVatNumber("   ")).toEqual({ ok: false, message: "Enter a VAT number" })
  })
})
