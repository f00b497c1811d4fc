import { CustomerWorkflowEvents } from "@medusajs/framework/utils"
import { importedCustomerMessages, isImportEvent } from "../events"

describe("import customer events", () => {
  it("one message per customer: created then updated, { id } payloads, marked as the import's", () => {
    const m = importedCustomerMessages("cimp_1", { created: ["cus_a", "cus_b"], updated: ["cus_c"] })
    expect(m.map((x) => [x.name, x.data])).toEqual([
      [CustomerWorkflowEvents.CREATED, { id: "cus_a" }],
      [CustomerWorkflowEvents.CREATED, { id: "cus_b" }],
      [CustomerWorkflowEvents.UPDATED, { id: "cus_c" }],
    ])
    expect(m.every((x) => isImportEvent(x) && x.metadata.run_id === "cimp_1")).toBe(true)
    expect(importedCustomerMessages("cimp_1", { created: [], updated: [] })).toEqual([])
  })

  it("an event without the import's mark is not the import's", () => {
    expect(isImportEvent({})).toBe(false)
    expect(isImportEvent({ metadata: { eventGroupId: "x" } })).toBe(false)
  })
})
