import { authenticate, type MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody, validateQuery } from "../../../utils/validation"
import { CBO_PERMISSIONS } from "../../../../lib/permissions"
import {
  CreateHouseAccountBody,
  HouseAccountCustomersBody,
  GenerateStatementBody,
  ListEntriesQuery,
  ListHouseAccountsQuery,
  ListStatementsQuery,
  RunStatementsBody,
  StatementDownloadQuery,
  StatementQuery,
  PostEntryBody,
  UpdateHouseAccountBody,
} from "./validators"

const customerAuth = authenticate("customer", ["session", "bearer"])

/** House accounts: the admin pages and the storefront's view. */
export const houseAccountsMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/backoffice/house-accounts",
    method: ["GET"],
    middlewares: [validateQuery(ListHouseAccountsQuery)],
  },
  {
    matcher: "/admin/backoffice/house-accounts",
    method: ["POST"],
    middlewares: [validateBody(CreateHouseAccountBody)],
  },
  {
    matcher: "/admin/backoffice/house-accounts/:id",
    method: ["POST"],
    middlewares: [validateBody(UpdateHouseAccountBody)],
  },
  {
    matcher: "/admin/backoffice/house-accounts/:id/customers",
    method: ["POST"],
    middlewares: [validateBody(HouseAccountCustomersBody)],
  },
  {
    matcher: "/admin/backoffice/house-accounts/:id/entries",
    method: ["POST"],
    middlewares: [validateBody(PostEntryBody)],
    policies: [CBO_PERMISSIONS.adjustHouseAccount],
  },
  {
    matcher: "/admin/backoffice/house-accounts/:id/entries",
    method: ["GET"],
    middlewares: [validateQuery(ListEntriesQuery)],
  },
  {
    matcher: "/admin/backoffice/house-accounts/:id/statement",
    method: ["GET"],
    middlewares: [validateQuery(StatementQuery)],
  },
  {
    matcher: "/admin/backoffice/house-accounts/:id/statements",
    method: ["GET"],
    middlewares: [validateQuery(ListStatementsQuery)],
  },
  {
    matcher: "/admin/backoffice/house-accounts/:id/statements",
    method: ["POST"],
    middlewares: [validateBody(GenerateStatementBody)],
  },
  {
    matcher: "/admin/backoffice/house-accounts/:id/statements/:statement_id/download",
    method: ["GET"],
    middlewares: [validateQuery(StatementDownloadQuery)],
  },
  {
    matcher: "/admin/backoffice/house-accounts/statements/run",
    method: ["POST"],
    middlewares: [validateBody(RunStatementsBody)],
  },
  {
    matcher: "/store/backoffice/house-accounts",
    method: ["GET"],
    middlewares: [customerAuth],
  },
  {
    matcher: "/store/backoffice/house-accounts/:id/entries",
    method: ["GET"],
    middlewares: [customerAuth, validateQuery(ListEntriesQuery)],
  },
  {
    matcher: "/store/backoffice/house-accounts/:id/statement",
    method: ["GET"],
    middlewares: [customerAuth, validateQuery(StatementQuery)],
  },
  {
    matcher: "/store/backoffice/house-accounts/:id/statements",
    method: ["GET"],
    middlewares: [customerAuth, validateQuery(ListStatementsQuery)],
  },
  {
    matcher: "/store/backoffice/house-accounts/:id/statements/:statement_id/download",
    method: ["GET"],
    middlewares: [customerAuth, validateQuery(StatementDownloadQuery)],
  },
]
