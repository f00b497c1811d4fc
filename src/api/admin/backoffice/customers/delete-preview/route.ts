import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { previewRemoval } from "../../../../../lib/customer-list/removal"
import { pg, validated } from "../list-helpers"
import type { CustomerIdsBodyType } from "../list-validators"

/**
 * POST /admin/backoffice/customers/delete-preview { ids } → { count, with_orders, not_found }:
 * what the delete confirmation says ("N customers, M with sales activity").
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const { ids } = validated<CustomerIdsBodyType>(req, "validatedBody")
  res.json(await previewRemoval(pg(req), ids))
}
