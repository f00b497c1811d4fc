import {
  EXPORT_COLUMNS,
  IMPORT_COLUMNS,
  matchHeaders,
  normalizeHeader,
  parseBooleanCell,
  splitListCell,
  unneutralizeCell,
} from "../columns"

describe("customer file columns", () => {
  it("recognises a Shopify customer export as-is", () => {
    const headers = [
      "Customer ID", "First Name", "Last Name", "Email", "Accepts Email Marketing",
      "Default Address Company", "Default Address Address1", "Default Address Address2",
      "Default Address City", "Default Address Province Code", "Default Address Country Code",
      "Default Address Zip", "Default Address Phone", "Phone", "Accepts SMS Marketing",
      "Total Spent", "Total Orders", "Note", "Tax Exempt", "Tags",
    ]
    const m = Object.fromEntries(matchHeaders(headers).map((h) => [h.header, h.column]))
    expect(m).toEqual({
      "Customer ID": null,
      "First Name": "first_name",
      "Last Name": "last_name",
      Email: "email",
      "Accepts Email Marketing": "accepts_email_marketing",
      "Default Address Company": "address_company",
      "Default Address Address1": "address_1",
      "Default Address Address2": "address_2",
      "Default Address City": "city",
      "Default Address Province Code": "province",
      "Default Address Country Code": "country_code",
      "Default Address Zip": "postal_code",
      "Default Address Phone": "address_phone",
      Phone: "phone",
      "Accepts SMS Marketing": null,
      "Total Spent": null,
      "Total Orders": null,
      Note: "note",
      "Tax Exempt": null,
      Tags: "categories",
    })
    const reasons = matchHeaders(["Tax Exempt", "Total Orders", "Wibble"])
    expect(reasons.map((r) => ("reason" in r ? r.reason : ""))).toEqual([
      "Medusa customers have no tax-exempt flag",
      "Order history is not imported: the count is computed from Medusa orders",
      "No matching field",
    ])
  })

  it("matches headers whatever their case, spacing and punctuation", () => {
    const m = matchHeaders([" E-MAIL ", "first_name", "LastName", "zip-code", "Date of birth", "Last purchase"])
    expect(m.map((h) => h.column)).toEqual(["email", "first_name", "last_name", "postal_code", "date_of_birth", null])
    expect(normalizeHeader("Défault  Address—Zip")).toBe("default address zip")
  })

  it("maps each column once: a second header for it is left unmapped with a reason", () => {
    const m = matchHeaders(["Email", "E-mail"])
    expect(m[0].column).toBe("email")
    expect(m[1]).toEqual({ header: "E-mail", column: null, reason: "Another column is already mapped to email" })
  })

  it("re-reads its own export headers as the same columns", () => {
    const m = matchHeaders(EXPORT_COLUMNS.map((c) => c.label))
    EXPORT_COLUMNS.forEach((c, i) => {
      expect(m[i].column).toBe(c.exportOnly ? null : c.key)
    })
    expect(IMPORT_COLUMNS.every((c) => c.examples.length === 2)).toBe(true)
  })

  it("undoes formula neutralisation, parses yes/no and lists", () => {
    expect(unneutralizeCell("'+33612345678")).toBe("+33612345678")
    expect(unneutralizeCell("'quoted")).toBe("'quoted")
    expect(parseBooleanCell("Yes")).toBe(true)
    expect(parseBooleanCell("no")).toBe(false)
    expect(parseBooleanCell("")).toBeNull()
    expect(parseBooleanCell("maybe")).toBeUndefined()
    expect(splitListCell("VIP; Wholesale, vip ,,")).toEqual(["VIP", "Wholesale"])
  })
})
