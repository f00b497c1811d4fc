import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { createCustomerCategoryWorkflow } from "../../../../workflows/customer-categories/workflows"
import {
  listCategories,
  nameProblems,
  rejectProblems,
  retrieveCategory,
  validated,
} from "./helpers"
import type {
  CreateCategoryBodyType,
  ListCategoriesQueryType,
} from "./validators"

/** GET /admin/backoffice/categories — categories with member counts; search by name. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const q = validated<ListCategoriesQueryType>(req, "validatedQuery")
  const { categories, count } = await listCategories(req, q)
  res.json({ categories, count, limit: q.limit, offset: q.offset })
}

/** POST /admin/backoffice/categories — creates a customer group with its description. */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const body = validated<CreateCategoryBodyType>(req, "validatedBody")
  if (rejectProblems(res, await nameProblems(req, body.name))) return
  const { result } = await createCustomerCategoryWorkflow(req.scope).run({
    input: {
      name: body.name,
      description: body.description ?? null,
      created_by: req.auth_context?.actor_id ?? null,
    },
  })
  res.status(201).json({ category: await retrieveCategory(req, result.id) })
}
