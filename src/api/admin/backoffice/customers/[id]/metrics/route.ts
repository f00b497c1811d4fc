import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { query, requireCustomer } from "../../../../../utils/engagement"
import { customerMetrics } from "../../../../../utils/customer-metrics"
import type { CustomerMetricsQueryType } from "../../../customers/metrics-validators"

/**
 * GET /admin/backoffice/customers/:id/metrics?from&to — visits, net sales per
 * currency, monthly and weekday figures, loyalty and house account.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  await requireCustomer(req)
  const q = query<CustomerMetricsQueryType>(req)
  res.json(await customerMetrics(req, req.params.id, { from: q.from, to: q.to }))
}
