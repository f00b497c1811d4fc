import type { MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody, validateQuery } from "../../../utils/validation"
import { CBO_PERMISSIONS } from "../../../../lib/permissions"
import { ListMergesQuery, MergeBody, MergePreviewBody, UndoMergeBody } from "./validators"

/** Customer merge: preview, merge, the merge records and undo. */
export const mergeMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/backoffice/customers/:id/merge/preview",
    method: ["POST"],
    middlewares: [validateBody(MergePreviewBody)],
  },
  {
    matcher: "/admin/backoffice/customers/:id/merge",
    method: ["POST"],
    middlewares: [validateBody(MergeBody)],
    policies: [CBO_PERMISSIONS.mergeCustomers],
  },
  {
    matcher: "/admin/backoffice/merges",
    method: ["GET"],
    middlewares: [validateQuery(ListMergesQuery)],
  },
  {
    matcher: "/admin/backoffice/merges/:id/undo",
    method: ["POST"],
    middlewares: [validateBody(UndoMergeBody)],
    policies: [CBO_PERMISSIONS.mergeCustomers],
  },
]
