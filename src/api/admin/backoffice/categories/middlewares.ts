import type { MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody, validateQuery } from "../../../utils/validation"
import {
  BulkCustomerStoresBody,
  CreateCategoryBody,
  ListCategoriesQuery,
  ManageCategoryCustomersBody,
  SetCustomerCategoriesBody,
  SetCustomerStoresBody,
  UpdateCategoryBody,
} from "./validators"
import { CORE_PERMISSIONS } from "../../../../lib/permissions"

/** Customer categories (customer groups + description) and customer stores (sales channels). */
export const customerCategoriesMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/backoffice/categories",
    method: ["GET"],
    middlewares: [validateQuery(ListCategoriesQuery)],
  },
  {
    matcher: "/admin/backoffice/categories",
    method: ["POST"],
    middlewares: [validateBody(CreateCategoryBody)],
  },
  {
    matcher: "/admin/backoffice/categories/:id",
    method: ["POST"],
    middlewares: [validateBody(UpdateCategoryBody)],
  },
  {
    // a category is a customer group: deleting one needs Medusa's own policy
    matcher: "/admin/backoffice/categories/:id",
    method: ["DELETE"],
    policies: [CORE_PERMISSIONS.deleteCustomerGroup],
  },
  {
    matcher: "/admin/backoffice/categories/:id/customers",
    method: ["POST"],
    middlewares: [validateBody(ManageCategoryCustomersBody)],
  },
  {
    matcher: "/admin/backoffice/customers/:id/categories",
    method: ["POST"],
    middlewares: [validateBody(SetCustomerCategoriesBody)],
  },
  {
    matcher: "/admin/backoffice/customers/:id/stores",
    method: ["POST"],
    middlewares: [validateBody(SetCustomerStoresBody)],
  },
  {
    matcher: "/admin/backoffice/customers/stores",
    method: ["POST"],
    middlewares: [validateBody(BulkCustomerStoresBody)],
  },
]
