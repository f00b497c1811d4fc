import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { removeBackofficeCustomersWorkflow } from "../../../../../workflows/customer-list/workflows"
import { actorId, validated } from "../list-helpers"
import type { CustomerIdsBodyType } from "../list-validators"

/** POST /admin/backoffice/customers/delete { ids } — bulk soft delete (all or none). */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const { ids } = validated<CustomerIdsBodyType>(req, "validatedBody")
  const { result } = await removeBackofficeCustomersWorkflow(req.scope).run({
    input: { ids, removed_by: actorId(req) },
  })
  res.json({ ids: result, object: "customer", deleted: true, count: result.length })
}
