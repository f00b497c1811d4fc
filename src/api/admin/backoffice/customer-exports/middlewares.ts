import type { MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody, validateQuery } from "../../../utils/validation"
import { requireJobsRuntime } from "../jobs/helpers"
import { CORE_PERMISSIONS } from "../../../../lib/permissions"
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
    // an export reads every customer: the policy Medusa asks to list them
    policies: [CORE_PERMISSIONS.readCustomers],
  },
  {
    matcher: "/admin/backoffice/customer-exports",
    method: ["GET"],
    middlewares: [validateQuery(ListCustomerExportsQuery)],
  },
]
