import { generateEntityId } from "@medusajs/framework/utils"
import { bulkEntityId } from "../ids"

describe("bulkEntityId", () => {
  it("has Medusa's id format: prefix, underscore, 26 Crockford base32 characters", () => {
    const id = bulkEntityId("cus")
    expect(id).toMatch(/^cus_[0-9A-HJKMNP-TV-Z]{26}$/)
    expect(id.length).toBe(generateEntityId(undefined, "cus").length)
  })

  it("starts with the time, like a ULID (same time prefix as generateEntityId now)", () => {
    const ours = bulkEntityId("x").slice(2, 9)
    const medusa = generateEntityId(undefined, "x").slice(2, 9)
    expect(ours).toBe(medusa)
  })

  it("never repeats over 200,000 ids made in the same milliseconds", () => {
    const seen = new Set<string>()
    for (let i = 0; i < 200_000; i++) seen.add(bulkEntityId("cprof"))
    expect(seen.size).toBe(200_000)
  })

  it("uses every random character", () => {
    const counts = new Map<string, number>()
    for (let i = 0; i < 5000; i++) for (const ch of bulkEntityId("c").slice(12)) counts.set(ch, (counts.get(ch) ?? 0) + 1)
    expect(counts.size).toBe(32)
  })
})
