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
