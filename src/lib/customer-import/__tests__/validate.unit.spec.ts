import { IMPORT_COLUMNS, matchHeaders } from "../../customer-io/columns"
import { duplicateKey, mapCells, parseCountry, rowIsUnchanged, validateValues, type ImportContext } from "../validate"

const ctx: ImportContext = {
  defaultCountry: "GB",
  emailRequired: true,
  groups: new Map([
    ["vip", "cusgroup_vip"],
    ["wholesale", "cusgroup_wh"],
  ]),
  channels: new Map([["web", "sc_web"]]),
  referralSources: new Map([["instagram", "refsrc_ig"]]),
  allChannelIds: ["sc_web"],
}

describe("import row validation", () => {
  it("normalises every kind of cell like the admin does", () => {
    const { errors, row } = validateValues(
      {
        email: " Ada@Example.COM ",
        phone: "020 7946 0958",
        date_of_birth: "1915-12-10",
        nationality: "France",
        country_code: "us",
        gender: "F",
        categories: "vip; Wholesale",
        stores: "Web",
        referral_source: "instagram",
        accepts_email_marketing: "no",
        note: "Hello",
      },
      ctx
    )
    expect(errors).toEqual({})
    expect(row.email).toBe("Ada@example.com")
    expect(row.email_key).toBe("ada@example.com")
    expect(row.data).toEqual(
      expect.objectContaining({
        phone: "+442079460958",
        phone_original: "020 7946 0958",
        date_of_birth: "1915-12-10",
        nationality: "FR",
        country_code: "US",
        gender: "female",
        group_ids: ["cusgroup_vip", "cusgroup_wh"],
        channel_ids: ["sc_web"],
        referral_source_id: "refsrc_ig",
        marketing_opt_out: true,
        note: "Hello",
      })
    )
  })

  it("gives one message per bad cell and requires the email when the option says so", () => {
    const { errors } = validateValues(
      {
        phone: "12",
        date_of_birth: "2999-01-01",
        anniversary: "10/05/2020",
        country_code: "Atlantis",
        gender: "robot",
        categories: "VIP, Gold",
        stores: "Mall",
        referral_source: "TV",
        marketing_opt_out: "maybe",
      },
      ctx
    )
    expect(errors.email).toBe("Email is required")
    expect(errors.phone).toMatch(/not a valid phone number/)
    expect(errors.date_of_birth).toMatch(/future/)
    expect(errors.anniversary).toMatch(/YYYY-MM-DD/)
    expect(errors.country_code).toMatch(/not a country/)
    expect(errors.gender).toMatch(/not a gender/)
    expect(errors.categories).toBe("Unknown category: Gold")
    expect(errors.stores).toBe("Unknown store: Mall")
    expect(errors.referral_source).toMatch(/TV/)
    expect(errors.marketing_opt_out).toMatch(/yes or no/)
    expect(validateValues({}, { ...ctx, emailRequired: false }).errors).toEqual({})
  })

  it("reads English country names and codes", () => {
    expect(parseCountry("fr")).toBe("FR")
    expect(parseCountry("United Kingdom")).toBe("GB")
    expect(parseCountry("germany")).toBe("DE")
    expect(parseCountry("USA")).toBe("US")
    expect(parseCountry("Narnia")).toBeNull()
  })

  it("maps Shopify headers and undoes our export's formula neutralisation", () => {
    const headers = ["Email", "Tags", "Accepts Email Marketing", "Total Spent", "Phone"]
    const mapping = matchHeaders(headers).map((m) => ({ header: m.header, column: m.column }))
    expect(mapping.map((m) => m.column)).toEqual(["email", "categories", "accepts_email_marketing", null, "phone"])
    expect(mapCells(["a@b.co", "VIP", "yes", "10", "'+447911123456"], mapping)).toEqual({
      email: "a@b.co",
      categories: "VIP",
      accepts_email_marketing: "yes",
      phone: "+447911123456",
    })
  })

  it("a row is unchanged when every mapped value equals the current one", () => {
    const { row } = validateValues(
      { email: "a@b.co", first_name: "Ada", categories: "VIP", marketing_opt_out: "no", country_code: "gb" },
      ctx
    )
    const current = { first_name: "Ada", categories: "VIP; Wholesale", marketing_opt_out: "", country_code: "GB" }
    expect(rowIsUnchanged(row, current, true)).toBe(true)
    expect(rowIsUnchanged(row, { ...current, first_name: "Bea" }, true)).toBe(false)
    expect(rowIsUnchanged(row, { ...current, categories: "Wholesale" }, true)).toBe(false)
    expect(rowIsUnchanged(row, undefined, true)).toBe(false)
    const withNote = validateValues({ email: "a@b.co", note: "Hi" }, ctx).row
    expect(rowIsUnchanged(withNote, current, false)).toBe(false)
    expect(rowIsUnchanged(withNote, current, true)).toBe(true)
  })

  it("imports both example rows of the sample Customers.csv into an empty store", () => {
    const empty: ImportContext = { ...ctx, groups: new Map(), channels: new Map(), referralSources: new Map() }
    for (const i of [0, 1]) {
      const values = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c.key, c.examples[i]]))
      expect(validateValues(values, empty).errors).toEqual({})
    }
  })

  it("the Account cell names the kind of customer a row is matched with", () => {
    const guest = validateValues({ email: "Ada@Example.com", account: " guest " }, ctx)
    expect(guest.errors).toEqual({})
    expect(guest.row.account).toBe("guest")
    expect(guest.row.email_key).toBe("ada@example.com")
    const registered = validateValues({ account: "Registered", email: "ada@example.com" }, ctx).row
    expect(registered.account).toBe("registered")
    // nothing written from it
    expect(registered.data).toEqual({ email: "ada@example.com" })
    expect(registered.file).toEqual({ email: "ada@example.com" })
    // empty: today's matching (the registered account first, then the guest)
    const none = validateValues({ email: "ada@example.com", account: "" }, ctx).row
    expect([none.email_key, none.account]).toEqual(["ada@example.com", undefined])
    // duplicates are grouped by email and the kind of customer written
    expect(duplicateKey("ada@example.com", "guest")).toBe("ada@example.com (guest)")
    expect(validateValues({ email: "ada@example.com", account: "VIP" }, ctx).errors.account).toMatch(
      /not Registered or Guest/
    )
    expect(matchHeaders(["Email", "Account Kind"]).map((m) => m.column)).toEqual(["email", "account"])
    // "Account Type" is the trade account's retail/trade column
    expect(matchHeaders(["Email", "Account Type"])[1]).toEqual({ header: "Account Type", column: "account_type" })
  })
})
