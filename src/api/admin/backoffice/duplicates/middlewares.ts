import type { MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody, validateQuery } from "../../../utils/validation"
import { requireJobsRuntime } from "../jobs/helpers"
import { DismissDuplicateBody, ListDuplicatesQuery, ScanDuplicatesBody } from "./validators"

/** Duplicate customers: the review list, the scan, "Not a duplicate". */
export const duplicatesMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/backoffice/duplicates",
    method: ["GET"],
    middlewares: [validateQuery(ListDuplicatesQuery)],
  },
  {
    matcher: "/admin/backoffice/duplicates/scan",
    method: ["POST"],
    middlewares: [validateBody(ScanDuplicatesBody), requireJobsRuntime],
  },
  {
    matcher: "/admin/backoffice/duplicates/dismiss",
    method: ["POST"],
    middlewares: [validateBody(DismissDuplicateBody)],
  },
]
