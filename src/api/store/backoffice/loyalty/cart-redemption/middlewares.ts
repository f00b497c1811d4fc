import { authenticate, type MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody, validateQuery } from "../../../../utils/validation"
import { ApplyCartPointsBody, CartRedemptionQuery } from "./validators"

const customerAuth = authenticate("customer", ["session", "bearer"])

export const cartRedemptionMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/store/backoffice/loyalty/cart-redemption",
    method: ["GET", "DELETE"],
    middlewares: [customerAuth, validateQuery(CartRedemptionQuery)],
  },
  {
    matcher: "/store/backoffice/loyalty/cart-redemption",
    method: ["POST"],
    middlewares: [customerAuth, validateBody(ApplyCartPointsBody)],
  },
]
