import { groupPairs, type GroupPair } from "../groups"

const at = new Date("2026-12-01T00:00:00Z")
const pair = (id: string, a: string, b: string, score: number, confidence: "likely" | "possible", reasons: string[]): GroupPair => ({
  id,
  customer_a_id: a,
  customer_b_id: b,
  score,
  confidence,
  reasons,
  detected_at: at,
})

describe("groupPairs", () => {
  it("joins likely pairs that share a customer into one group, best pair first", () => {
    const groups = groupPairs([
      pair("p1", "cus_a", "cus_b", 0.93, "likely", ["same_phone", "name_nickname"]),
      pair("p2", "cus_b", "cus_c", 0.95, "likely", ["same_phone", "name_typo"]),
      pair("p3", "cus_a", "cus_c", 0.6, "possible", ["same_phone"]),
    ])
    expect(groups).toHaveLength(1)
    expect(groups[0]).toMatchObject({
      id: "p2",
      customer_ids: ["cus_a", "cus_b", "cus_c"],
      score: 0.95,
      confidence: "likely",
      reasons: ["same_phone", "name_typo", "name_nickname"],
    })
    expect(groups[0].pairs.map((p) => p.id)).toEqual(["p2", "p1", "p3"])
  })

  it("never chains customers through possible pairs", () => {
    const groups = groupPairs([
      pair("p1", "cus_a", "cus_b", 0.9, "likely", ["name_exact", "same_postcode"]),
      pair("p2", "cus_b", "cus_c", 0.5, "possible", ["same_surname_postcode"]),
      pair("p3", "cus_d", "cus_e", 0.5, "possible", ["same_surname_postcode"]),
    ])
    expect(groups.map((g) => [g.id, g.customer_ids, g.confidence])).toEqual([
      ["p1", ["cus_a", "cus_b"], "likely"],
      ["p2", ["cus_b", "cus_c"], "possible"],
      ["p3", ["cus_d", "cus_e"], "possible"],
    ])
  })

  it("keeps separate groups apart, highest score first", () => {
    const groups = groupPairs([
      pair("p1", "cus_a", "cus_b", 0.9, "likely", ["x"]),
      pair("p2", "cus_c", "cus_d", 0.97, "likely", ["same_email"]),
      pair("p3", "cus_d", "cus_e", 0.93, "likely", ["same_phone"]),
    ])
    expect(groups.map((g) => g.customer_ids)).toEqual([["cus_c", "cus_d", "cus_e"], ["cus_a", "cus_b"]])
  })
})
