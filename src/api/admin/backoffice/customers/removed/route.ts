import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { listCustomers, type CustomerSortKey } from "../../../../../lib/customer-list/query"
import { CUSTOMER_LIST_MODULE } from "../../../../../modules/customer-list"
import type CustomerListModuleService from "../../../../../modules/customer-list/service"
import { pg, validated } from "../list-helpers"
import { parseOrder, type ListRemovedCustomersQueryType } from "../list-validators"

/** GET /admin/backoffice/customers/removed — removed (soft-deleted) customers. */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const q = validated<ListRemovedCustomersQueryType>(req, "validatedQuery")
  const { sort, direction } = parseOrder(q.order)
  const { rows, count } = await listCustomers(pg(req), {
    removed: true,
    q: q.q,
    sort: sort as CustomerSortKey,
    direction,
    limit: q.limit,
    offset: q.offset,
  })
  const removals = rows.length
    ? await (req.scope.resolve(CUSTOMER_LIST_MODULE) as CustomerListModuleService).listCustomerRemovals(
        { customer_id: rows.map((r) => r.id) },
        { select: ["customer_id", "removed_by"] }
      )
    : []
  const removedBy = new Map(removals.map((r) => [r.customer_id, r.removed_by]))
  res.json({
    customers: rows.map((r) => ({ ...r, removed_by: removedBy.get(r.id) ?? null })),
    count,
    limit: q.limit,
    offset: q.offset,
  })
}
