import { authenticate, type MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody, validateQuery } from "../../../utils/validation"
import { refuseInactiveCustomer, refuseInactiveLogin } from "../../../utils/trade-access"
import { CBO_PERMISSIONS } from "../../../../lib/permissions"
import {
  ApproveBody,
  ListApplicationsQuery,
  RegisterTradeBody,
  RejectBody,
  StoreApplyBody,
  UpdateAccountBody,
} from "./validators"

/** Trade accounts: the approval queue, the Account tab, the storefront application and the access guards. */
export const tradeAccountsMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/backoffice/trade-applications",
    method: ["GET"],
    middlewares: [validateQuery(ListApplicationsQuery)],
  },
  {
    matcher: "/admin/backoffice/trade-applications",
    method: ["POST"],
    middlewares: [validateBody(RegisterTradeBody)],
    policies: [CBO_PERMISSIONS.approveTradeAccount],
  },
  {
    matcher: "/admin/backoffice/trade-applications/:id/approve",
    method: ["POST"],
    middlewares: [validateBody(ApproveBody)],
    policies: [CBO_PERMISSIONS.approveTradeAccount],
  },
  {
    matcher: "/admin/backoffice/trade-applications/:id/reject",
    method: ["POST"],
    middlewares: [validateBody(RejectBody)],
    policies: [CBO_PERMISSIONS.approveTradeAccount],
  },
  {
    matcher: "/admin/backoffice/customers/:id/account",
    method: ["POST"],
    middlewares: [validateBody(UpdateAccountBody)],
  },
  {
    matcher: "/store/backoffice/trade-applications",
    method: ["POST"],
    middlewares: [
      authenticate("customer", ["session", "bearer"], { allowUnregistered: true }),
      validateBody(StoreApplyBody),
    ],
  },
  {
    matcher: "/store/backoffice/trade-applications*",
    method: ["GET"],
    middlewares: [authenticate("customer", ["session", "bearer"], { allowUnregistered: true })],
  },
  {
    matcher: "/auth/customer/emailpass",
    method: ["POST"],
    middlewares: [refuseInactiveLogin],
  },
  {
    matcher: "/store/*",
    middlewares: [refuseInactiveCustomer],
  },
]
