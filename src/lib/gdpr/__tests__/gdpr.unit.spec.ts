import { placeholderEmail } from "../erase"
import { holdsCustomer } from "../files"
import { jsonStrings } from "../former-values"
import { likeEscape, looksLikeId, rowCondition, type TableColumns } from "../places"
import { toCsv } from "../data-export"

const cols = (spec: Record<string, string[]>): TableColumns =>
  new Map(
    Object.entries(spec).map(([t, cs]) => [
      t,
      new Map(cs.map((c) => [c, { data_type: "text", udt_name: "text", nullable: true }])),
    ])
  )

describe("GDPR helpers", () => {
  it("the placeholder email is non-deliverable (.invalid) and unique per customer", () => {
    expect(placeholderEmail("cus_01ABC")).toBe("forgotten-cus_01abc@forgotten.invalid")
    expect(placeholderEmail("cus_01ABD")).not.toBe(placeholderEmail("cus_01ABC"))
  })

  it("takes a person's strings from JSON, not ids, dates, numbers, enum tokens or the store's labels", () => {
    const v = {
      note: "Leave at the back door",
      id: "cus_01HZX3K9Q2W5E8R7T6Y4U1I0OP",
      at: "2026-01-02T10:00:00.000Z",
      amount: "1234.50",
      status: "authorized",
      names: { sc_1: "Default Sales Channel" },
      nested: [{ city: "Springfield Gardens" }],
      short: "ok",
    }
    expect(jsonStrings(v).sort()).toEqual(["Leave at the back door", "Springfield Gardens"])
  })

  it("recognises Medusa ids and escapes LIKE patterns", () => {
    expect(looksLikeId("cus_01HZX3K9Q2W5E8R7T6Y4U1I0OP")).toBe(true)
    expect(looksLikeId("Jane Doe")).toBe(false)
    expect(likeEscape("50%_off\\")).toBe("50\\%\\_off\\\\")
  })

  it("builds the customer's rows from the registry's reaches: column, link table, parent, JSON path, value, search", () => {
    const columns = cols({
      customer_address: ["id", "customer_id"],
      customer_account_holder: ["id", "customer_id", "account_holder_id"],
      account_holder: ["id", "external_id", "email"],
      auth_identity: ["id", "app_metadata"],
      provider_identity: ["id", "auth_identity_id", "entity_id"],
      workflow_execution: ["id", "context", "execution"],
    })
    const who = { id: "cus_1", emails: ["Jane@Example.com"] }
    expect(rowCondition("customer_address", who, columns)).toEqual({ sql: `(t."customer_id" = ?)`, bindings: ["cus_1"] })
    const holder = rowCondition("account_holder", who, columns)!
    expect(holder.sql).toContain(`t."id" IN (SELECT l."account_holder_id" FROM "customer_account_holder" l WHERE l."customer_id" = ?)`)
    expect(holder.sql).toContain(`t."external_id"::text = ANY(?)`)
    const provider = rowCondition("provider_identity", who, columns)!
    expect(provider.sql).toContain(`SELECT t_1."id" FROM "auth_identity" t_1 WHERE (t_1."app_metadata" #>> ? = ?)`)
    expect(provider.bindings).toEqual(["{customer_id}", "cus_1"])
    const runs = rowCondition("workflow_execution", who, columns)!
    expect(runs.bindings[0]).toEqual(["%cus\\_1%", "%Jane@Example.com%"])
    expect(rowCondition("customer_address", who, cols({}))).toBeNull()
  })

  it("a file holds the customer when it has their id or a former value (XML-escaped in XLSX too)", () => {
    const values = { long: ["O'Brien & Sons"], short: [], tooShort: 0, shared: 0 }
    expect(holdsCustomer("<t>O&apos;Brien &amp; Sons</t>", "cus_9", values)).toBe(true)
    expect(holdsCustomer("id\r\ncus_9\r\n", "cus_9", values)).toBe(true)
    expect(holdsCustomer("id\r\ncus_8\r\n", "cus_9", values)).toBe(false)
    expect(holdsCustomer(null, "cus_9", values)).toBe(true)
  })

  it("writes a table's rows as CSV with JSON values as JSON text", () => {
    expect(toCsv([{ id: "a", metadata: { x: 1 }, note: null }])).toBe('id,metadata,note\r\na,"{""x"":1}",\r\n')
    expect(toCsv([])).toBe("")
  })
})
