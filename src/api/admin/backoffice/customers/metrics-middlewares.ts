import type { MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody, validateQuery } from "../../../utils/validation"
import { CustomerMetricsQuery, CustomerTransactionsQuery, SendReceiptBody } from "./metrics-validators"

/** Customer metrics, transaction history and receipts (admin only: /admin routes need a logged-in user). */
export const customerMetricsMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/backoffice/customers/:id/metrics",
    method: ["GET"],
    middlewares: [validateQuery(CustomerMetricsQuery)],
  },
  {
    matcher: "/admin/backoffice/customers/:id/transactions",
    method: ["GET"],
    middlewares: [validateQuery(CustomerTransactionsQuery)],
  },
  {
    matcher: "/admin/backoffice/customers/:id/transactions/:order_id/send-receipt",
    method: ["POST"],
    middlewares: [validateBody(SendReceiptBody)],
  },
]
