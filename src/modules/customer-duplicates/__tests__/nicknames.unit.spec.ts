import { NICKNAMES, NICKNAME_GROUPS } from "../data/nicknames"
import { orderPair } from "../service"

describe("nickname table", () => {
  it("maps nicknames to their full name, in the form the scan compares (lower case, no accents or spaces)", () => {
    expect(NICKNAMES.bob).toBe("robert")
    expect(NICKNAMES.bobby).toBe("robert")
    expect(NICKNAMES.maggie).toBe("margaret")
    expect(NICKNAMES.kate).toBe("catherine")
    for (const name of NICKNAME_GROUPS.flat()) {
      expect(name).toMatch(/^[a-z]+$/)
    }
  })

  it("never maps a full name to something else, nor a name to itself", () => {
    const canonical = new Set(NICKNAME_GROUPS.map((g) => g[0]))
    for (const [nick, full] of Object.entries(NICKNAMES)) {
      expect(nick).not.toBe(full)
      expect(canonical.has(full)).toBe(true)
      expect(canonical.has(nick)).toBe(false)
    }
  })
})

describe("orderPair", () => {
  it("stores a pair one way round whatever the order it is given in", () => {
    expect(orderPair("cus_b", "cus_a")).toEqual(["cus_a", "cus_b"])
    expect(orderPair("cus_a", "cus_b")).toEqual(["cus_a", "cus_b"])
  })
})
