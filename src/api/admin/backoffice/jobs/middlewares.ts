import type { MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody, validateQuery } from "../../../utils/validation"
import { requireJobsRuntime } from "./helpers"
import { ListJobsQuery, RunDiagnosticBody } from "./validators"

export const backofficeJobsMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/backoffice/jobs",
    method: ["GET"],
    middlewares: [requireJobsRuntime, validateQuery(ListJobsQuery)],
  },
  {
    matcher: "/admin/backoffice/jobs/diagnostics",
    method: ["POST"],
    middlewares: [requireJobsRuntime, validateBody(RunDiagnosticBody)],
  },
  {
    matcher: "/admin/backoffice/jobs/:id",
    method: ["GET"],
    middlewares: [requireJobsRuntime],
  },
  {
    matcher: "/admin/backoffice/jobs/:id/*",
    method: ["POST"],
    middlewares: [requireJobsRuntime],
  },
]
