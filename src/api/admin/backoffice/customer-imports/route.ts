import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { Modules } from "@medusajs/framework/utils"
import { createImportRunWorkflow } from "../../../../workflows/customer-import/workflows"
import { sendInvalid } from "../../../utils/validation"
import { actorId, importService, runViews, sendRun } from "./helpers"
import type { UploadedImportFile } from "./upload"
import type { ListImportRunsQueryType } from "./validators"

/** GET /admin/backoffice/customer-imports — every import, newest first. */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const q = (req as unknown as { validatedQuery: ListImportRunsQueryType }).validatedQuery
  const [runs, count] = await importService(req.scope).listAndCountImportRuns(
    {},
    { skip: q.offset, take: q.limit, order: { created_at: "DESC", id: "DESC" } }
  )
  res.json({ import_runs: await runViews(req, runs as never[]), count, limit: q.limit, offset: q.offset })
}

/** POST /admin/backoffice/customer-imports (multipart "file", optional "parent_run_id"). */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const file = (req as unknown as { importFile: UploadedImportFile }).importFile
  const parent = ((req.body as Record<string, unknown> | undefined)?.parent_run_id as string | undefined) || null
  const dropFile = () => req.scope.resolve(Modules.FILE).deleteFiles(file.key).catch(() => undefined)
  if (parent) {
    const [found] = await importService(req.scope).listImportRuns({ id: parent })
    if (!found) {
      await dropFile()
      return sendInvalid(res, [{ field: "parent_run_id", message: `Import ${parent} was not found` }])
    }
  }
  try {
    const { result } = await createImportRunWorkflow(req.scope).run({
      input: {
        file_name: file.originalname || "customers.csv",
        file_size: file.size,
        file_id: file.key,
        created_by: actorId(req),
        parent_run_id: parent,
      },
    })
    await sendRun(req, res, result.id, 201)
  } catch (e) {
    await dropFile()
    throw e
  }
}
