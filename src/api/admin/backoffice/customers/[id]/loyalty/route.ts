import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { updateCustomerLoyaltyWorkflow } from "../../../../../../workflows/customer-points/workflows"
import { actorId, body, requireCustomer } from "../../../../../utils/engagement"
import { loyaltyState, pointsService, requireCustomerField } from "../../../../../utils/loyalty"
import type { UpdateLoyaltyBodyType } from "../../../loyalty/validators"

/** GET /admin/backoffice/customers/:id/loyalty — balance, value, expiring points, code. */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  await requireCustomer(req)
  res.json({ loyalty: await loyaltyState(req, req.params.id) })
}

/** POST /admin/backoffice/customers/:id/loyalty { enrolled?, code? } — 409 when another customer has the code. */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  await requireCustomerField(req, req.params.id)
  const input = body<UpdateLoyaltyBodyType>(req)
  if (input.code !== undefined) {
    const holder = await pointsService(req).findAccountByCode(input.code)
    if (holder && holder.customer_id !== req.params.id) {
      const message = `The loyalty account code ${input.code} is already used by another customer`
      res.status(409).json({ type: "conflict", message, errors: [{ field: "code", message }] })
      return
    }
  }
  await updateCustomerLoyaltyWorkflow(req.scope).run({
    input: { customer_id: req.params.id, enrolled: input.enrolled, code: input.code, actor_id: actorId(req) },
  })
  res.json({ loyalty: await loyaltyState(req, req.params.id) })
}
