import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

/** Every customer (guest or registered) whose email matches, case-insensitively. */
export const findCustomersByEmailStep = createStep(
  "cbo-find-customers-by-email",
  async (input: { email: string }, { container }) => {
    const customers = container.resolve(Modules.CUSTOMER)
    const pattern = input.email.trim().replace(/[\\%_]/g, (c) => `\\${c}`)
    const found = await customers.listCustomers(
      { email: { $ilike: pattern } } as never,
      { select: ["id", "email", "has_account", "created_by"] }
    )
    return new StepResponse(
      found.map((c) => ({
        id: c.id,
        email: c.email,
        has_account: c.has_account,
        created_by: c.created_by,
      }))
    )
  }
)
