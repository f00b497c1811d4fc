import type { MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody, validateQuery } from "../../../utils/validation"
import { receiveImportFile } from "./upload"
import { requireJobsRuntime } from "../jobs/helpers"
import { CBO_PERMISSIONS } from "../../../../lib/permissions"
import {
  ConfirmImportBody,
  EditImportRowBody,
  ImportDuplicatesQuery,
  ImportLabelMapBody,
  ImportMappingBody,
  ListImportRowsQuery,
  ListImportRunsQuery,
  ParseImportBody,
} from "./validators"

export const customerImportMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/backoffice/customer-imports",
    method: ["GET"],
    middlewares: [validateQuery(ListImportRunsQuery)],
  },
  {
    matcher: "/admin/backoffice/customer-imports",
    method: ["POST"],
    bodyParser: false,
    middlewares: [requireJobsRuntime, receiveImportFile],
  },
  {
    matcher: "/admin/backoffice/customer-imports/:id/mapping",
    method: ["POST"],
    middlewares: [requireJobsRuntime, validateBody(ImportMappingBody)],
  },
  {
    matcher: "/admin/backoffice/customer-imports/:id/parse",
    method: ["POST"],
    middlewares: [requireJobsRuntime, validateBody(ParseImportBody)],
  },
  {
    matcher: "/admin/backoffice/customer-imports/:id/new-labels",
    method: ["POST"],
    middlewares: [validateBody(ImportLabelMapBody)],
  },
  {
    matcher: "/admin/backoffice/customer-imports/:id/rows",
    method: ["GET"],
    middlewares: [validateQuery(ListImportRowsQuery)],
  },
  {
    matcher: "/admin/backoffice/customer-imports/:id/duplicates",
    method: ["GET"],
    middlewares: [validateQuery(ImportDuplicatesQuery)],
  },
  {
    matcher: "/admin/backoffice/customer-imports/:id/rows/:row_id",
    method: ["POST"],
    middlewares: [validateBody(EditImportRowBody)],
  },
  {
    matcher: "/admin/backoffice/customer-imports/:id/confirm",
    method: ["POST"],
    middlewares: [requireJobsRuntime, validateBody(ConfirmImportBody)],
    policies: [CBO_PERMISSIONS.commitImport],
  },
  {
    matcher: "/admin/backoffice/customer-imports/:id/undo",
    method: ["POST"],
    policies: [CBO_PERMISSIONS.undoImport],
  },
]
