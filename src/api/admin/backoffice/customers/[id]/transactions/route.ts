import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { query, requireCustomer } from "../../../../../utils/engagement"
import { orderMetricsSql } from "../../../../../utils/customer-metrics"
import type { TransactionSortKey } from "../../../../../../types/customer-metrics"
import type { CustomerTransactionsQueryType } from "../../../customers/metrics-validators"

/** GET /admin/backoffice/customers/:id/transactions?limit&offset&order&from&to — the customer's orders, paged. */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  await requireCustomer(req)
  const q = query<CustomerTransactionsQueryType>(req)
  const page = {
    limit: q.limit,
    offset: q.offset,
    sort: q.order.replace(/^-/, "") as TransactionSortKey,
    direction: q.order.startsWith("-") ? ("desc" as const) : ("asc" as const),
  }
  const { transactions, count } = await orderMetricsSql(req).transactions(req.params.id, page, {
    from: q.from,
    to: q.to,
  })
  res.json({ transactions, count, limit: q.limit, offset: q.offset })
}
