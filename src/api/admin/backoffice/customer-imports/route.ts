import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { customerFiles } from "../../../../lib/customer-files"
import { createImportRunWorkflow } from "../../../../workflows/customer-import/workflows"
import { sendInvalid } from "../../../utils/validation"
import { actorId, importService, runViews, sendRun } from "./helpers"
import type { UploadedImportFile } from "./upload"
import { UploadImportFields, type ListImportRunsQueryType } from "./validators"

/** GET /admin/backoffice/customer-imports — every import, newest first. */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const q = (req as unknown as { validatedQuery: ListImportRunsQueryType }).validatedQuery
  const [runs, count] = await importService(req.scope).listAndCountImportRuns(
    {},
    { skip: q.offset, take: q.limit, order: { created_at: "DESC", id: "DESC" } }
  )
  res.json({
    import_runs: await runViews(req, runs as never[]),
    count,
    limit: q.limit,
    offset: q.offset,
    // the upload screen shows the size limit
    max_file_size: importService(req.scope).options.importMaxBytes,
  })
}

/**
 * POST /admin/backoffice/customer-imports (multipart "file", optional "parent_run_id").
 * The file is already stored when this runs: every refusal and every
 * failure deletes it, so nothing is left without a run.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const file = (req as unknown as { importFile: UploadedImportFile }).importFile
  let created = false
  try {
    const fields = UploadImportFields.safeParse(req.body ?? {})
    // a refusal deletes the stored file before answering: the client never sees it
    const refuse = async (errors: { field: string; message: string }[]) => {
      await customerFiles(req.scope).remove(file.key).catch(() => undefined)
      created = true // nothing left to clean up in `finally`
      return sendInvalid(res, errors)
    }
    if (!fields.success) {
      return await refuse(fields.error.issues.map((i) => ({ field: i.path.join(".") || "body", message: i.message })))
    }
    const parent = fields.data.parent_run_id || null
    if (parent) {
      const [found] = await importService(req.scope).listImportRuns({ id: parent }, { select: ["id"] })
      if (!found) {
        return await refuse([{ field: "parent_run_id", message: `Import ${parent} was not found` }])
      }
    }
    const { result } = await createImportRunWorkflow(req.scope).run({
      input: {
        file_name: file.originalname || "customers.csv",
        file_size: file.size,
        file_id: file.key,
        created_by: actorId(req),
        parent_run_id: parent,
      },
    })
    created = true
    await sendRun(req, res, result.id, 201)
  } finally {
    if (!created) await customerFiles(req.scope).remove(file.key).catch(() => undefined)
  }
}
