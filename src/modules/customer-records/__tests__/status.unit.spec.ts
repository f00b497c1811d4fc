import { customerStatus } from "../status"

describe("customerStatus", () => {
  it("Registered when the customer has an account, whoever created it", () => {
    expect(customerStatus({ has_account: true })).toEqual(["registered"])
    expect(customerStatus({ has_account: true, created_by: "user_1", origin: "admin" })).toEqual(["registered"])
  })

  it("In-Store when staff created it (created_by or a staff origin) and there is no account", () => {
    expect(customerStatus({ has_account: false, created_by: "user_1" })).toEqual(["in_store"])
    for (const origin of ["admin", "import", "pos"]) {
      expect(customerStatus({ has_account: false, origin })).toEqual(["in_store"])
    }
  })

  it("Guest otherwise (checkout, or no profile at all)", () => {
    expect(customerStatus({ has_account: false, origin: "checkout" })).toEqual(["guest"])
    expect(customerStatus({ has_account: false, origin: "storefront" })).toEqual(["guest"])
    expect(customerStatus({})).toEqual(["guest"])
  })

  it("Pending Approval comes first, next to the derived status", () => {
    expect(customerStatus({ has_account: true, status_override: "pending_approval" })).toEqual([
      "pending_approval",
      "registered",
    ])
  })
})
