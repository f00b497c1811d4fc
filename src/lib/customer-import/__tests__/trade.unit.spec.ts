import { matchHeaders } from "../../customer-io/columns"
import { parseDiscount, priceListIndex, tradeCellUnchanged } from "../trade"
import { rowIsUnchanged, validateValues, type ImportContext } from "../validate"

const ctx: ImportContext = {
  defaultCountry: "GB",
  emailRequired: true,
  groups: new Map(),
  channels: new Map(),
  referralSources: new Map(),
  allChannelIds: [],
  priceLists: priceListIndex([
    { id: "plist_trade", title: "Trade prices" },
    { id: "plist_a", title: "Sale" },
    { id: "plist_b", title: "sale" },
  ]),
}

const TRADE_HEADERS = ["Account Type", "Account Code", "Trade Company", "Company Number", "VAT Number", "Free Delivery", "Discount %", "Price List", "Active"]

describe("trade account columns in an import", () => {
  it("maps the export's trade headers to their columns", () => {
    expect(matchHeaders(TRADE_HEADERS).map((m) => m.column)).toEqual([
      "account_type", "account_code", "trade_company_name", "company_number", "vat_number",
      "free_delivery", "discount_percent", "price_list", "active",
    ])
  })

  it("normalises valid cells as the Account card does", () => {
    const { errors, row } = validateValues(
      {
        email: "ada@example.com",
        account_type: "Trade",
        account_code: "ae-001",
        trade_company_name: "Analytical Engines Ltd",
        company_number: "01234567",
        vat_number: "de 136.695.976",
        free_delivery: "yes",
        discount_percent: "12,5 %",
        price_list: "trade PRICES",
        active: "no",
      },
      ctx
    )
    expect(errors).toEqual({})
    expect(row.data.trade).toEqual({
      account_type: "trade",
      account_code: "AE-001",
      company_name: "Analytical Engines Ltd",
      company_number: "01234567",
      vat_number: "DE136695976",
      free_delivery: true,
      discount_bp: 1250,
      price_list_id: "plist_trade",
      active: false,
    })
    expect(row.file).toMatchObject({ discount_percent: "12.50", price_list: "Trade prices", vat_number: "DE136695976" })
    // a price list may also be given by its id
    expect(validateValues({ email: "a@example.com", price_list: "plist_b" }, ctx).row.data.trade).toEqual({ price_list_id: "plist_b" })
  })

  it("names the field and the problem of each bad cell", () => {
    const { errors, row } = validateValues(
      {
        email: "ada@example.com",
        account_type: "wholesale",
        account_code: "AE 001",
        vat_number: "DE123456789",
        free_delivery: "maybe",
        discount_percent: "101",
        price_list: "Nope",
        active: "perhaps",
      },
      ctx
    )
    expect(errors).toEqual({
      account_type: expect.stringMatching(/not an account type \(retail or trade\)/),
      account_code: expect.stringMatching(/not an account code/),
      vat_number: expect.stringMatching(/not a valid .*VAT number/),
      free_delivery: '"maybe" is not yes or no',
      discount_percent: expect.stringMatching(/between 0 and 100/),
      price_list: expect.stringMatching(/Unknown price list: Nope/),
      active: '"perhaps" is not yes or no',
    })
    expect(row.data.trade).toEqual({})
    expect(validateValues({ email: "a@example.com", discount_percent: "12.555" }, ctx).errors.discount_percent).toMatch(/two decimals/)
    expect(validateValues({ email: "a@example.com", price_list: "SALE" }, ctx).errors.price_list).toMatch(
      /Several price lists are titled "SALE": write the id .*plist_a, plist_b/
    )
  })

  it("parses discounts to basis points", () => {
    expect(["0", "100", "12.5", "12.50", "7,05", "3 %", "99.99%"].map(parseDiscount)).toEqual([0, 10000, 1250, 1250, 705, 300, 9999])
    expect(parseDiscount("-1")).toBeNull()
    expect(parseDiscount("1.234")).toBe("decimals")
  })

  it("a row equal to the current account is unchanged; a customer without one is retail, active, no terms", () => {
    const current = {
      email: "ada@example.com", account_type: "trade", account_code: "AE-001", trade_company_name: "AE Ltd",
      company_number: "", vat_number: "DE136695976", free_delivery: "yes", discount_percent: "12.50",
      price_list: "Trade prices", active: "yes",
    }
    const same = validateValues(
      { email: "ada@example.com", account_type: "trade", account_code: "ae-001", discount_percent: "12.5", price_list: "trade prices", free_delivery: "Y", active: "yes" },
      ctx
    ).row
    expect(rowIsUnchanged(same, current, true)).toBe(true)
    const cheaper = validateValues({ email: "ada@example.com", discount_percent: "15" }, ctx).row
    expect(rowIsUnchanged(cheaper, current, true)).toBe(false)
    const none = { email: "bob@example.com", account_type: "", free_delivery: "", discount_percent: "", active: "" }
    expect(tradeCellUnchanged("account_type", "retail", none)).toBe(true)
    expect(tradeCellUnchanged("discount_percent", "0.00", none)).toBe(true)
    expect(tradeCellUnchanged("active", "yes", none)).toBe(true)
    expect(tradeCellUnchanged("active", "no", none)).toBe(false)
    expect(tradeCellUnchanged("account_type", "trade", none)).toBe(false)
  })
})
