import type { MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody, validateQuery } from "../../../utils/validation"
import {
  CustomerIdsBody,
  ListCustomersQuery,
  ListRemovedCustomersQuery,
} from "./list-validators"

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
    matcher: "/admin/backoffice/customers/delete",
    method: ["POST"],
    middlewares: [validateBody(CustomerIdsBody)],
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
