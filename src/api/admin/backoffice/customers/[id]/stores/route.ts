import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { updateCustomerStoresWorkflow } from "../../../../../../workflows/customer-stores/workflows"
import { planStoreChanges } from "../../../../../../workflows/customer-stores/plan"
import {
  assertCustomer,
  rejectProblems,
  validated,
} from "../../../categories/helpers"
import type { SetCustomerStoresBodyType } from "../../../categories/validators"

async function storesOf(req: AuthenticatedMedusaRequest, customerId: string) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "customer",
    fields: ["id", "sales_channels.id", "sales_channels.name", "sales_channels.is_disabled"],
    filters: { id: customerId },
  })
  const stores = ((data[0] as { sales_channels?: { id: string; name: string; is_disabled: boolean }[] })
    ?.sales_channels ?? [])
    .filter(Boolean)
    .map((s) => ({ id: s.id, name: s.name, is_disabled: s.is_disabled }))
    .sort((a, b) => a.name.localeCompare(b.name))
  return stores
}

/** GET /admin/backoffice/customers/:id/stores — the customer's stores (sales channels). */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  await assertCustomer(req, req.params.id)
  const stores = await storesOf(req, req.params.id)
  res.json({
    customer_id: req.params.id,
    sales_channel_ids: stores.map((s) => s.id),
    stores,
  })
}

/** POST /admin/backoffice/customers/:id/stores { sales_channel_ids } — at least one must remain. */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const body = validated<SetCustomerStoresBodyType>(req, "validatedBody")
  await assertCustomer(req, req.params.id)
  const changes = [{ customer_id: req.params.id, set: body.sales_channel_ids }]
  const { problems } = await planStoreChanges(req.scope, changes)
  if (rejectProblems(res, problems)) return
  const { result } = await updateCustomerStoresWorkflow(req.scope).run({
    input: { changes },
  })
  const stores = await storesOf(req, req.params.id)
  res.json({
    customer_id: req.params.id,
    sales_channel_ids: stores.map((s) => s.id),
    stores,
    added: result[0]?.added ?? [],
    removed: result[0]?.removed ?? [],
  })
}
