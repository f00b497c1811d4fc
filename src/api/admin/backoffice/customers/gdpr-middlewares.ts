import type { MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody, validateQuery } from "../../../utils/validation"
import { requireJobsRuntime } from "../jobs/helpers"
import { CBO_PERMISSIONS } from "../../../../lib/permissions"
import { DataExportBody, ForgetCustomerBody, ForgetStatusQuery, SendDataExportBody } from "./gdpr-validators"

/** GDPR forget and subject-access export: both destroy or hand out a person's data, both carry a policy. */
export const gdprMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/backoffice/customers/:id/forget",
    method: ["POST"],
    middlewares: [requireJobsRuntime, validateBody(ForgetCustomerBody)],
    policies: [CBO_PERMISSIONS.forgetCustomer],
  },
  {
    matcher: "/admin/backoffice/customers/:id/forget",
    method: ["GET"],
    middlewares: [validateQuery(ForgetStatusQuery)],
    policies: [CBO_PERMISSIONS.forgetCustomer],
  },
  {
    matcher: "/admin/backoffice/customers/:id/data-export",
    method: ["POST"],
    middlewares: [requireJobsRuntime, validateBody(DataExportBody)],
    policies: [CBO_PERMISSIONS.exportCustomerData],
  },
  {
    matcher: "/admin/backoffice/customers/:id/data-export/:export_id/send",
    method: ["POST"],
    middlewares: [validateBody(SendDataExportBody)],
    policies: [CBO_PERMISSIONS.exportCustomerData],
  },
  {
    matcher: "/admin/backoffice/customers/:id/data-export*",
    method: ["GET"],
    policies: [CBO_PERMISSIONS.exportCustomerData],
  },
]
