import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { dismissDuplicateWorkflow } from "../../../../../workflows/customer-duplicates"
import { actorId, body } from "../../../../utils/engagement"
import type { DismissDuplicateBodyType } from "../validators"

/**
 * POST /admin/backoffice/duplicates/dismiss { customer_ids: [a, b] } —
 * "Not a duplicate": the pair leaves the list and stays away until either
 * customer's data changes.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const { customer_ids } = body<DismissDuplicateBodyType>(req)
  const { result } = await dismissDuplicateWorkflow(req.scope).run({
    input: { customer_ids: [customer_ids[0], customer_ids[1]], actor_id: actorId(req) },
  })
  res.json({ dismissed: true, customer_ids: result.customer_ids })
}
