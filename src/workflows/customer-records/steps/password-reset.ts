import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

/**
 * A password reset is offered only to registered customers whose email has
 * an email/password login. Returns the login's identifier (the email).
 */
export const checkPasswordResetStep = createStep(
  "cbo-check-password-reset",
  async (input: { customer_id: string }, { container }) => {
    const customers = container.resolve(Modules.CUSTOMER)
    const [customer] = await customers.listCustomers(
      { id: input.customer_id },
      { select: ["id", "email", "has_account"] }
    )
    if (!customer) {
      throw new MedusaError(
        MedusaError.Types.NOT_FOUND,
        `Customer ${input.customer_id} was not found`
      )
    }
    if (!customer.has_account) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        "Password reset is not offered for guests: this customer has no storefront account"
      )
    }
    if (!customer.email) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        "This customer has no email address to send the reset link to"
      )
    }
    const auth = container.resolve(Modules.AUTH)
    const identities = await auth.listProviderIdentities({
      entity_id: customer.email,
      provider: "emailpass",
    })
    if (!identities.length) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `No email/password login exists for ${customer.email}`
      )
    }
    return new StepResponse({ email: customer.email })
  }
)
