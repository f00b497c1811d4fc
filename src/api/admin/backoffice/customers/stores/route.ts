import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { updateCustomerStoresWorkflow } from "../../../../../workflows/customer-stores/workflows"
import { planStoreChanges } from "../../../../../workflows/customer-stores/plan"
import { rejectProblems, validated } from "../../categories/helpers"
import type { BulkCustomerStoresBodyType } from "../../categories/validators"

/**
 * POST /admin/backoffice/customers/stores { customer_ids, add?, remove? } —
 * bulk store assignment. If any customer would be left without a store, the
 * answer is 400 naming them and nothing changes.
 */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const body = validated<BulkCustomerStoresBodyType>(req, "validatedBody")
  const changes = [...new Set(body.customer_ids)].map((customer_id) => ({
    customer_id,
    add: body.add ?? [],
    remove: body.remove ?? [],
  }))
  const { problems } = await planStoreChanges(req.scope, changes)
  if (rejectProblems(res, problems)) return
  const { result } = await updateCustomerStoresWorkflow(req.scope).run({
    input: { changes },
  })
  res.json({ updated: result.length, changes: result })
}
