import { namesToCreate } from "../labels"
import { validateValues, type ImportContext } from "../validate"

const base: ImportContext = {
  defaultCountry: "US",
  emailRequired: true,
  groups: new Map([["wholesale", "cusgroup_wh"]]),
  channels: new Map([["web", "sc_web"]]),
  referralSources: new Map([["instagram", "refsrc_ig"]]),
  allChannelIds: ["sc_web"],
}

describe("new categories and choices of an import", () => {
  it("in the review an unknown category or choice is no error: the row carries its name; a store stays strict", () => {
    const ctx = { ...base, allowNew: true }
    const { errors, row } = validateValues(
      { email: "a@example.com", categories: "VIP, wholesale, vip", referral_source: "Friend", stores: "Mall" },
      ctx
    )
    expect(errors).toEqual({ stores: "Unknown store: Mall" })
    expect(row.data.group_ids).toEqual(["cusgroup_wh"])
    expect(row.data.new_categories).toEqual(["VIP"])
    expect(row.data.new_referral_source).toBe("Friend")
    expect(row.file.categories).toBe("vip; wholesale")
  })

  it("the merchant's choice sends a value to an existing category or to a new name", () => {
    const ctx: ImportContext = {
      ...base,
      allowNew: true,
      categoryMap: new Map([
        ["wholsale", "WHOLESALE"],
        ["retail", "Retail customers"],
      ]),
      referralSourceMap: new Map([["insta", "Instagram"]]),
    }
    const { errors, row } = validateValues({ email: "a@example.com", categories: "Wholsale; Retail", referral_source: "insta" }, ctx)
    expect(errors).toEqual({})
    expect(row.data.group_ids).toEqual(["cusgroup_wh"])
    expect(row.data.new_categories).toEqual(["Retail customers"])
    expect(row.data.referral_source_id).toBe("refsrc_ig")
    expect(row.file.categories).toBe("retail customers; wholesale")
  })

  it("at commit (after confirming created them) an unknown name is an error again", () => {
    const { errors } = validateValues({ email: "a@example.com", categories: "VIP; Gold", referral_source: "TV" }, base)
    expect(errors.categories).toBe("Unknown categories: VIP, Gold")
    expect(errors.referral_source).toMatch(/TV/)
  })

  it("creates each target once whatever its case, never an existing one nor one no row uses", () => {
    const existing = new Map([["wholesale", "cusgroup_wh"]])
    expect(
      namesToCreate(
        [
          { name: "VIP", rows: 3, creates: true },
          { name: "Wholsale", rows: 2, map_to: "wholesale", creates: false },
          { name: "Retail", rows: 1, map_to: "Shop", creates: true },
          { name: "Shoppers", rows: 1, map_to: "shop", creates: true },
          { name: "Ghost", rows: 0, creates: true },
        ],
        existing
      )
    ).toEqual(["VIP", "Shop"])
  })
})
