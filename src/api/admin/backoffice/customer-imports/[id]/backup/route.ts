import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { customerFiles } from "../../../../../../lib/customer-files"
import { loadRun, startCsv } from "../../helpers"

/** GET /admin/backoffice/customer-imports/:id/backup — the customers as they were before the import. */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const run = await loadRun(req, res)
  if (!run) return
  if (!run.backup_file_id && run.backup_expired_at) {
    return res.status(410).json({
      type: "file_expired",
      message: `The backup of this import expired on ${new Date(run.backup_expired_at).toISOString().slice(0, 10)} (exportRetentionDays)`,
    })
  }
  if (!run.backup_file_id) {
    return res.status(404).json({ type: "not_found", message: "This import has no backup" })
  }
  let stream: NodeJS.ReadableStream
  try {
    stream = await customerFiles(req.scope).read(run.backup_file_id)
  } catch {
    return res.status(404).json({ type: "not_found", message: `The backup file of import ${run.id} is gone` })
  }
  startCsv(res, `backup-before-${run.id}.csv`)
  await new Promise<void>((resolve, reject) => {
    stream.on("error", reject)
    stream.on("end", () => resolve())
    stream.pipe(res)
  })
}
