import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { randomUUID } from "crypto"
import { adjustCustomerPointsWorkflow } from "../../../../../../../workflows/customer-points/workflows"
import { actorId, body } from "../../../../../../utils/engagement"
import { loyaltyState, requireCustomerField } from "../../../../../../utils/loyalty"
import type { AdjustPointsBodyType } from "../../../../loyalty/validators"

/**
 * POST /admin/backoffice/customers/:id/loyalty/adjustments
 * { direction: "add"|"remove", points, reason, idempotency_key? } → 201 { entry, loyalty }.
 * Removing more than the balance → 400 "Not enough points: balance N".
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  await requireCustomerField(req, req.params.id)
  const input = body<AdjustPointsBodyType>(req)
  const actor = actorId(req)
  const { result } = await adjustCustomerPointsWorkflow(req.scope).run({
    input: {
      customer_id: req.params.id,
      direction: input.direction,
      points: input.points,
      reason: input.reason,
      actor_id: actor,
      idempotency_key: `admin:${req.params.id}:${input.idempotency_key ?? randomUUID()}`,
    },
  })
  res.status(result.replayed ? 200 : 201).json({
    entry: result.entry,
    loyalty: await loyaltyState(req, req.params.id),
  })
}
