import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import {
  findRestoreConflicts,
  restoreConflictMessage,
} from "../../../../../lib/customer-list/removal"
import { restoreBackofficeCustomersWorkflow } from "../../../../../workflows/customer-list/workflows"
import { actorId, pg, validated } from "../list-helpers"
import type { CustomerIdsBodyType } from "../list-validators"

/**
 * POST /admin/backoffice/customers/restore { ids } — all or none. 409 when an
 * email is now used by a live customer of the same kind (Medusa allows one).
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const { ids } = validated<CustomerIdsBodyType>(req, "validatedBody")
  const conflicts = await findRestoreConflicts(pg(req), ids)
  if (conflicts.length) {
    res.status(409).json({
      type: "conflict",
      message: restoreConflictMessage(conflicts),
      conflicts,
    })
    return
  }
  const { result } = await restoreBackofficeCustomersWorkflow(req.scope).run({
    input: { ids, restored_by: actorId(req) },
  })
  res.json({ ids: result.ids, count: result.ids.length, categories_restored: result.groups.added })
}
