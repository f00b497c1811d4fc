import { discountCode, managedKey, percentLabel, wantedGroups } from "../plan"

describe("trade terms plan", () => {
  it("gives each rate one code with two decimals and a readable label", () => {
    expect(discountCode(1250)).toBe("TRADE-DISCOUNT-12_50")
    expect(discountCode(1000)).toBe("TRADE-DISCOUNT-10_00")
    expect(discountCode(5)).toBe("TRADE-DISCOUNT-0_05")
    expect(discountCode(10000)).toBe("TRADE-DISCOUNT-100_00")
    expect([percentLabel(1250), percentLabel(1000), percentLabel(5)]).toEqual(["12.5", "10", "0.05"])
  })

  it("wants no group for a retail account or one without terms", () => {
    expect(wantedGroups(null, null)).toEqual([])
    expect(wantedGroups({ account_type: "retail", discount_bp: 1000, free_delivery: true }, null)).toEqual([])
    expect(wantedGroups({ account_type: "trade", discount_bp: 0, free_delivery: false }, null)).toEqual([])
  })

  it("wants the price list's, the rate's and the free-delivery group, each found again by its metadata", () => {
    const wanted = wantedGroups(
      { account_type: "trade", price_list_id: "plist_1", discount_bp: 1250, free_delivery: true },
      "Trade prices"
    )
    expect(wanted.map((w) => [w.key, w.name])).toEqual([
      ["price_list:plist_1", "Trade: Trade prices"],
      ["discount:1250", "Trade discount 12.5 %"],
      ["free_delivery", "Trade free delivery"],
    ])
    expect(wanted[1].promotion).toEqual({ code: "TRADE-DISCOUNT-12_50", target_type: "order", value: 12.5 })
    expect(wanted[2].promotion).toEqual({ code: "TRADE-FREE-DELIVERY", target_type: "shipping_methods", value: 100 })
    for (const w of wanted) expect(managedKey(w.metadata)).toBe(w.key)
    expect(managedKey({ note: "VIP" })).toBeNull()
    expect(managedKey(null)).toBeNull()
  })
})
