import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { setCustomerCategoriesWorkflow } from "../../../../../../workflows/customer-categories/workflows"
import { unknownIdsProblem } from "../../../../../../workflows/customer-categories/validate"
import {
  assertCustomer,
  listCategories,
  pg,
  rejectProblems,
  validated,
} from "../../../categories/helpers"
import type { SetCustomerCategoriesBodyType } from "../../../categories/validators"

async function categoriesOf(req: AuthenticatedMedusaRequest, customerId: string) {
  const { rows } = await pg(req).raw(
    `select gc.customer_group_id as id from customer_group_customer gc
      where gc.customer_id = ? and gc.deleted_at is null`,
    [customerId]
  )
  if (!rows.length) return []
  const { categories } = await listCategories(req, {
    ids: rows.map((r: { id: string }) => r.id),
    order: "name",
    limit: 500,
    offset: 0,
  })
  return categories
}

/** GET /admin/backoffice/customers/:id/categories */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  await assertCustomer(req, req.params.id)
  res.json({ customer_id: req.params.id, categories: await categoriesOf(req, req.params.id) })
}

/** POST /admin/backoffice/customers/:id/categories { category_ids } — sets the customer's categories. */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const body = validated<SetCustomerCategoriesBodyType>(req, "validatedBody")
  await assertCustomer(req, req.params.id)
  if (
    rejectProblems(
      res,
      await unknownIdsProblem(req.scope, "customer_group", body.category_ids, "category_ids")
    )
  ) {
    return
  }
  const { result } = await setCustomerCategoriesWorkflow(req.scope).run({
    input: { customer_id: req.params.id, category_ids: body.category_ids },
  })
  res.json({
    customer_id: req.params.id,
    categories: await categoriesOf(req, req.params.id),
    added: result.added,
    removed: result.removed,
  })
}
