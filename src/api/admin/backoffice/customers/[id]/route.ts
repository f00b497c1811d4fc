import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { removeBackofficeCustomersWorkflow } from "../../../../../workflows/customer-list/workflows"
import { actorId } from "../list-helpers"

/** DELETE /admin/backoffice/customers/:id — soft delete; orders keep the customer. */
export async function DELETE(req: MedusaRequest, res: MedusaResponse) {
  const id = req.params.id
  await removeBackofficeCustomersWorkflow(req.scope).run({
    input: { ids: [id], removed_by: actorId(req) },
  })
  res.json({ id, object: "customer", deleted: true })
}
