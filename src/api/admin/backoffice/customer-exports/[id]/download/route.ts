import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { customerFiles } from "../../../../../../lib/customer-files"
import { pipeline } from "stream/promises"
import type { CustomerExportResult } from "../../../../../../workers/customer-export"
import { retrieveExportJob } from "../../helpers"

/** GET /admin/backoffice/customer-exports/:id/download — the exported file (admin only, streamed). */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const job = await retrieveExportJob(req, req.params.id)
  const result = job.result as CustomerExportResult | null
  if (job.status === "completed" && result?.file_expired_at) {
    return res.status(410).json({
      type: "file_expired",
      message: `The file of customer export ${job.id} expired on ${result.file_expired_at.slice(0, 10)} (exportRetentionDays)`,
    })
  }
  if (job.status !== "completed" || !result?.file_id) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `Customer export ${job.id} has no file (status: ${job.status})`
    )
  }
  let stream: NodeJS.ReadableStream
  try {
    stream = await customerFiles(req.scope).read(result.file_id)
  } catch {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `The file of customer export ${job.id} is gone`)
  }
  const safeName = result.file_name.replace(/[^A-Za-z0-9._-]/g, "_")
  res.status(200)
  res.setHeader("Content-Type", result.content_type)
  res.setHeader("Content-Disposition", `attachment; filename="${safeName}"`)
  res.setHeader("Cache-Control", "no-store")
  res.setHeader("X-Content-Type-Options", "nosniff")
  await pipeline(stream, res)
}
