import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { Modules } from "@medusajs/framework/utils"
import { sendInvalid, type FieldError } from "../../../utils/validation"
import { enqueueBackofficeJobWorkflow } from "../../../../workflows/backoffice-jobs/workflows"
import { isUnavailable, jobsService, JOB_FIELDS, sendUnavailable } from "../jobs/helpers"
import { parseOrder } from "../customers/list-validators"
import type { ExportFilters } from "../../../../lib/customer-io/export"
import {
  CUSTOMER_EXPORT_JOB,
  type CustomerExportPayload,
} from "../../../../workers/customer-export"
import { toCustomerExport } from "./helpers"
import type {
  CreateCustomerExportBodyType,
  ListCustomerExportsQueryType,
} from "./validators"

/** Categories and stores of the filter that do not exist: an export of them would silently be empty. */
async function unknownFilterIds(
  req: AuthenticatedMedusaRequest,
  b: CreateCustomerExportBodyType
): Promise<FieldError[]> {
  const errors: FieldError[] = []
  if (b.category?.length) {
    const found = await req.scope
      .resolve(Modules.CUSTOMER)
      .listCustomerGroups({ id: b.category }, { select: ["id"] })
    const known = new Set(found.map((g) => g.id))
    const missing = b.category.filter((id) => !known.has(id))
    if (missing.length) errors.push({ field: "category", message: `Unknown categories: ${missing.join(", ")}` })
  }
  if (b.store?.length) {
    const found = await req.scope
      .resolve(Modules.SALES_CHANNEL)
      .listSalesChannels({ id: b.store }, { select: ["id"] })
    const known = new Set(found.map((c) => c.id))
    const missing = b.store.filter((id) => !known.has(id))
    if (missing.length) errors.push({ field: "store", message: `Unknown stores: ${missing.join(", ")}` })
  }
  return errors
}

/**
 * POST /admin/backoffice/customer-exports — exports the customers matching
 * the list's filter as CSV or XLSX, in a background job. 202 `{ export }`.
 */
export async function POST(
  req: AuthenticatedMedusaRequest<CreateCustomerExportBodyType>,
  res: MedusaResponse
) {
  const b = req.validatedBody
  const unknown = await unknownFilterIds(req, b)
  if (unknown.length) return sendInvalid(res, unknown)
  const { sort, direction } = parseOrder(b.order)
  const filters: ExportFilters = {
    q: b.q || undefined,
    status: b.status,
    category: b.category,
    store: b.store,
    invalid_email: b.invalid_email,
    birthday_this_month: b.birthday_this_month,
    outstanding_balance: b.outstanding_balance,
    over_credit_limit: b.over_credit_limit,
    account_type: b.account_type,
    has_duplicates: b.has_duplicates,
    created_from: b.created_from?.toISOString(),
    created_to: b.created_to?.toISOString(),
    spent_more_than: b.spent_more_than,
    no_order_since: b.no_order_since?.toISOString(),
    sort: sort as ExportFilters["sort"],
    direction,
  }
  const payload: CustomerExportPayload = {
    format: b.format,
    filters: JSON.parse(JSON.stringify(filters)),
    ...(b.include_notes ? { notes: true } : {}),
    nonce: `${Date.now()}-${Math.random().toString(36).slice(2)}`,
  }
  try {
    const { result: job } = await enqueueBackofficeJobWorkflow(req.scope).run({
      input: {
        type: CUSTOMER_EXPORT_JOB,
        payload,
        created_by: req.auth_context?.actor_id ?? null,
      },
    })
    res.status(202).json({ export: toCustomerExport(job as never) })
  } catch (e) {
    if (isUnavailable(e)) return sendUnavailable(res, (e as Error).message)
    throw e
  }
}

/** GET /admin/backoffice/customer-exports — recent exports, newest first. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const q = (req as unknown as { validatedQuery: ListCustomerExportsQueryType }).validatedQuery
  const [jobs, count] = await jobsService(req).listAndCountBackofficeJobs(
    { type: CUSTOMER_EXPORT_JOB },
    {
      select: [...JOB_FIELDS],
      skip: q.offset,
      take: q.limit,
      order: { created_at: "DESC", id: "DESC" },
    }
  )
  res.json({
    exports: jobs.map((j) => toCustomerExport(j as never)),
    count,
    limit: q.limit,
    offset: q.offset,
  })
}
