import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { mergesOf, serializeMerge } from "./helpers"
import type { ListMergesQueryType } from "./validators"

/** GET /admin/backoffice/merges?customer_id — merge records, newest first: { merges, count }. */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const q = (req as unknown as { validatedQuery: ListMergesQueryType }).validatedQuery
  const svc = mergesOf(req)
  const [rows, count] = await svc.listAndCountCustomerMerges(
    q.customer_id ? { primary_id: q.customer_id } : {},
    { order: { created_at: "DESC" }, take: q.limit, skip: q.offset }
  )
  res.json({ merges: rows.map((r) => serializeMerge(r as Record<string, unknown>)), count, limit: q.limit, offset: q.offset })
}
