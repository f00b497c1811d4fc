import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import {
  deleteCustomerCategoriesWorkflow,
  updateCustomerCategoryWorkflow,
} from "../../../../../workflows/customer-categories/workflows"
import {
  rejectManaged,
  nameProblems,
  rejectProblems,
  retrieveCategory,
  validated,
} from "../helpers"
import type { UpdateCategoryBodyType } from "../validators"

/** GET /admin/backoffice/categories/:id */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  res.json({ category: await retrieveCategory(req, req.params.id) })
}

/** POST /admin/backoffice/categories/:id — rename and/or change the description. */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const body = validated<UpdateCategoryBodyType>(req, "validatedBody")
  if (rejectManaged(res, await retrieveCategory(req, req.params.id))) return
  if (rejectProblems(res, await nameProblems(req, body.name, req.params.id))) return
  await updateCustomerCategoryWorkflow(req.scope).run({
    input: { id: req.params.id, name: body.name, description: body.description },
  })
  res.json({ category: await retrieveCategory(req, req.params.id) })
}

/**
 * DELETE /admin/backoffice/categories/:id — Medusa's customer-group deletion;
 * price lists and promotions keep working for their remaining groups.
 */
export async function DELETE(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const category = await retrieveCategory(req, req.params.id)
  if (rejectManaged(res, category)) return
  await deleteCustomerCategoriesWorkflow(req.scope).run({
    input: { ids: [category.id] },
  })
  res.json({ id: category.id, object: "customer_category", deleted: true })
}
