import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { pipeline } from "stream/promises"
import { customerFiles } from "../../../../../../../../lib/customer-files"
import { DATA_EXPORT_CONTENT_TYPE } from "../../../../../../../../lib/gdpr/data-export"
import { customerJobs, customerRow } from "../../../../gdpr-helpers"
import { DATA_EXPORT_JOB, type DataExportResult } from "../../../../../../../../types/gdpr"

/** GET /admin/backoffice/customers/:id/data-export/:export_id/download — the ZIP (admin only, streamed). */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const customer = await customerRow(req)
  const [job] = await customerJobs(req, DATA_EXPORT_JOB, customer.id, req.params.export_id)
  if (!job) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Data export ${req.params.export_id} was not found`)
  const result = job.result as (DataExportResult & { file_id: string | null }) | null
  if (job.status !== "completed" || !result?.file_id) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Data export ${job.id} has no file (status: ${job.status})`)
  }
  let stream: NodeJS.ReadableStream
  try {
    stream = await customerFiles(req.scope).read(result.file_id)
  } catch {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `The file of data export ${job.id} is gone`)
  }
  res.status(200)
  res.setHeader("Content-Type", DATA_EXPORT_CONTENT_TYPE)
  res.setHeader("Content-Disposition", `attachment; filename="${result.file_name.replace(/[^A-Za-z0-9._-]/g, "_")}"`)
  res.setHeader("Cache-Control", "no-store")
  res.setHeader("X-Content-Type-Options", "nosniff")
  await pipeline(stream, res)
}
