import { authenticate, type MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody, validateQuery } from "../../../utils/validation"
import { CBO_PERMISSIONS } from "../../../../lib/permissions"
import { AdjustPointsBody, EmptyBody, HistoryQuery, UpdateLoyaltyBody } from "./validators"

const customerAuth = authenticate("customer", ["session", "bearer"])

/** Loyalty points: the customer card, manual adjustments, history, expiry; the storefront's view. */
export const loyaltyMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/backoffice/customers/:id/loyalty",
    method: ["POST"],
    middlewares: [validateBody(UpdateLoyaltyBody)],
  },
  {
    matcher: "/admin/backoffice/customers/:id/loyalty/adjustments",
    method: ["POST"],
    middlewares: [validateBody(AdjustPointsBody)],
    policies: [CBO_PERMISSIONS.adjustPoints],
  },
  {
    matcher: "/admin/backoffice/customers/:id/loyalty/history",
    method: ["GET"],
    middlewares: [validateQuery(HistoryQuery)],
  },
  {
    matcher: "/admin/backoffice/loyalty/expire",
    method: ["POST"],
    middlewares: [validateBody(EmptyBody)],
  },
  {
    matcher: "/store/backoffice/loyalty",
    method: ["GET"],
    middlewares: [customerAuth],
  },
  {
    matcher: "/store/backoffice/loyalty/history",
    method: ["GET"],
    middlewares: [customerAuth, validateQuery(HistoryQuery)],
  },
]
