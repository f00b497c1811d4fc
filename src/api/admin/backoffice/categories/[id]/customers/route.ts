import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { manageCategoryCustomersWorkflow } from "../../../../../../workflows/customer-categories/workflows"
import { unknownIdsProblem } from "../../../../../../workflows/customer-categories/validate"
import { rejectProblems, retrieveCategory, validated } from "../../helpers"
import type { ManageCategoryCustomersBodyType } from "../../validators"

/**
 * POST /admin/backoffice/categories/:id/customers { add, remove } — single and
 * bulk assign. Unknown customer ids: 400 naming them, nothing changes.
 */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const body = validated<ManageCategoryCustomersBodyType>(req, "validatedBody")
  await retrieveCategory(req, req.params.id)
  const problems = [
    ...(await unknownIdsProblem(req.scope, "customer", body.add, "add")),
    ...(await unknownIdsProblem(req.scope, "customer", body.remove, "remove")),
  ]
  if (rejectProblems(res, problems)) return
  const { result } = await manageCategoryCustomersWorkflow(req.scope).run({
    input: { id: req.params.id, add: body.add, remove: body.remove },
  })
  res.json({
    category: await retrieveCategory(req, req.params.id),
    added: result.added,
    removed: result.removed,
  })
}
