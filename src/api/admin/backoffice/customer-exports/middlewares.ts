import type { MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody, validateQuery } from "../../../utils/validation"
import { requireJobsRuntime } from "../jobs/helpers"
import { CreateCustomerExportBody, ExpireFilesBody, ListCustomerExportsQuery } from "./validators"

export const customerExportsMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/backoffice/customer-exports/expire-files",
    method: ["POST"],
    middlewares: [requireJobsRuntime, validateBody(ExpireFilesBody)],
  },
  {
    matcher: "/admin/backoffice/customer-exports",
    method: ["POST"],
    middlewares: [requireJobsRuntime, validateBody(CreateCustomerExportBody)],
  },
  {
    matcher: "/admin/backoffice/customer-exports",
    method: ["GET"],
    middlewares: [validateQuery(ListCustomerExportsQuery)],
  },
]
