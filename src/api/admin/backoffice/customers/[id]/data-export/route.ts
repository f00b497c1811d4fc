import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { randomUUID } from "crypto"
import { enqueueBackofficeJobWorkflow } from "../../../../../../workflows/backoffice-jobs/workflows"
import { actorId } from "../../../../../utils/engagement"
import { isUnavailable, sendUnavailable } from "../../../jobs/helpers"
import { customerJobs, customerRow, jobView, type GdprJobRow } from "../../gdpr-helpers"
import { DATA_EXPORT_JOB, type DataExportResult } from "../../../../../../types/gdpr"

export function dataExportView(j: GdprJobRow) {
  const result = j.result as (DataExportResult & { file_id: string | null }) | null
  return {
    ...jobView(j),
    export_id: j.id,
    file_name: result?.file_name ?? null,
    rows: result?.rows ?? null,
    downloadable: j.status === "completed" && !!result?.file_id,
  }
}

/**
 * POST /admin/backoffice/customers/:id/data-export — everything held about
 * the customer as a ZIP (data.json + CSVs), built by a background job:
 * 202 { job } (job.id is the export id).
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const customer = await customerRow(req)
  try {
    const nonce = randomUUID()
    const { result } = await enqueueBackofficeJobWorkflow(req.scope).run({
      input: {
        type: DATA_EXPORT_JOB,
        key: `${DATA_EXPORT_JOB}:${customer.id}:${nonce}`,
        payload: { customer_id: customer.id, nonce },
        created_by: actorId(req),
      },
    })
    res.status(202).json({ job: jobView(result as never) })
  } catch (e) {
    if (isUnavailable(e)) return sendUnavailable(res, (e as Error).message)
    throw e
  }
}

/** GET /admin/backoffice/customers/:id/data-export — the customer's data exports, newest first. */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const customer = await customerRow(req)
  const jobs = await customerJobs(req, DATA_EXPORT_JOB, customer.id)
  res.json({ data_exports: jobs.map(dataExportView) })
}
