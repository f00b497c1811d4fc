import type { MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody, validateQuery } from "../../../utils/validation"
import {
  CustomerIdsBody,
  ListCustomersQuery,
  ListRemovedCustomersQuery,
} from "./list-validators"
import { notePendingActor } from "./engagement-middlewares"
import { CBO_PERMISSIONS, CORE_PERMISSIONS } from "../../../../lib/permissions"

export const backofficeCustomerListMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/backoffice/customers",
    method: ["GET"],
    middlewares: [validateQuery(ListCustomersQuery)],
  },
  {
    matcher: "/admin/backoffice/customers/removed",
    method: ["GET"],
    middlewares: [validateQuery(ListRemovedCustomersQuery)],
  },
  {
    // the timeline entry of the deletion names the admin
    matcher: "/admin/backoffice/customers/:id",
    method: ["DELETE"],
    middlewares: [notePendingActor("user", "param")],
    policies: [CORE_PERMISSIONS.deleteCustomer],
  },
  {
    matcher: "/admin/backoffice/customers/delete",
    method: ["POST"],
    middlewares: [validateBody(CustomerIdsBody)],
    policies: [CBO_PERMISSIONS.bulkDeleteCustomers],
  },
  {
    matcher: "/admin/backoffice/customers/delete-preview",
    method: ["POST"],
    middlewares: [validateBody(CustomerIdsBody)],
  },
  {
    matcher: "/admin/backoffice/customers/restore",
    method: ["POST"],
    middlewares: [validateBody(CustomerIdsBody)],
  },
]
