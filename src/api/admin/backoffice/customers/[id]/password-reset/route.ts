import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { sendCustomerPasswordResetWorkflow } from "../../../../../../workflows/customer-records/workflows"
import { loadCustomer } from "../../helpers"

/**
 * POST /admin/backoffice/customers/:id/password-reset — starts Medusa's
 * customer reset flow; the token goes only to the notification provider.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const id = req.params.id
  const customer = await loadCustomer(req, id)
  if (!customer) {
    return res.status(404).json({ type: "not_found", message: `Customer ${id} was not found` })
  }
  if (!customer.has_account) {
    return res.status(400).json({
      type: "not_allowed",
      message: "Password reset is not offered for guests: this customer has no storefront account",
    })
  }
  const { http } = req.scope.resolve(ContainerRegistrationKeys.CONFIG_MODULE).projectConfig
  const { result } = await sendCustomerPasswordResetWorkflow(req.scope).run({
    input: {
      customer_id: id,
      secret: http.jwtSecret as string,
      jwtOptions: http.jwtOptions as Record<string, unknown> | undefined,
    },
  })
  res.json({ sent: true, email: result.email })
}
