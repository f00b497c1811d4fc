import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { BACKOFFICE_JOBS_MODULE } from "../../../../modules/backoffice-jobs"
import type BackofficeJobsModuleService from "../../../../modules/backoffice-jobs/service"
import { importKnex, importService } from "../../../../workflows/customer-import/context"
import { importWarnings, type EncodingReport } from "../../../../lib/customer-import/warnings"

export { importKnex, importService }

export const EMPTY_COUNTS = {
  rows: 0,
  new: 0,
  update: 0,
  unchanged: 0,
  invalid: 0,
  duplicate: 0,
  excluded: 0,
  created: 0,
  updated: 0,
  failed: 0,
}

type JobLite = { id: string; status: string; progress: number; error?: string | null }
type Run = Record<string, any>

export function actorId(req: MedusaRequest): string | null {
  return (req as MedusaRequest & { auth_context?: { actor_id?: string } }).auth_context?.actor_id ?? null
}

/** The run as the admin API shows it (see the README's "CSV import"). */
type UserLite = { id: string; email: string; first_name: string | null; last_name: string | null }

export function runView(run: Run, job: JobLite | null, user: UserLite | null = null) {
  let status = run.status
  let error = run.error ?? null
  // a job that used up its attempts leaves the run failed
  if (job?.status === "failed" && ["uploaded", "parsing", "committing"].includes(status)) {
    status = "failed"
    error = error ?? job.error ?? "The background job failed"
  } else if (job?.status === "cancelled" && ["uploaded", "parsing", "committing"].includes(status)) {
    // cancelled from the Background jobs page; a cancelled commit keeps the batches already written
    status = "cancelled"
  } else if (status === "failed" && !run.committed_at && job && ["queued", "active", "retrying"].includes(job.status)) {
    // the failed parse job was retried: the file is being read again
    status = "parsing"
    error = null
  }
  const report = (run.encoding_report ?? null) as EncodingReport | null
  const undoUntil = run.undo_until ? new Date(run.undo_until) : null
  return {
    id: run.id,
    status,
    file_name: run.file_name,
    file_size: Number(run.file_size ?? 0),
    encoding: run.encoding ?? null,
    /** How the encoding was settled: detected by the reader, or chosen by the merchant (POST …/parse). */
    encoding_detected: report?.detected ?? null,
    encoding_chosen: report?.chosen ?? null,
    /** Bytes the encoding could not read (shown as �) and the rows holding them. */
    invalid_bytes: {
      count: report?.invalid_bytes ?? 0,
      rows: report?.invalid_rows ?? 0,
      first_rows: report?.first_invalid_rows ?? [],
    },
    /** Duplicate headers, unreadable characters: see lib/customer-import/warnings. */
    warnings: importWarnings(run),
    delimiter: run.delimiter ?? null,
    created_by: run.created_by ?? null,
    created_by_user: user,
    created_at: run.created_at,
    parent_run_id: run.parent_run_id ?? null,
    headers: run.headers ?? [],
    mapping: run.mapping ?? [],
    counts: { ...EMPTY_COUNTS, ...(run.counts ?? {}) },
    job: job ? { id: job.id, status: job.status, progress: job.progress } : null,
    backup_available: !!run.backup_file_id,
    backup_expired_at: run.backup_expired_at ?? null,
    committed_at: run.committed_at ?? null,
    undo_until: run.undo_until ?? null,
    can_undo: status === "completed" && !!undoUntil && undoUntil.getTime() > Date.now(),
    undone_at: run.undone_at ?? null,
    undo_skipped: run.undo_skipped ?? [],
    // values of the file the store has no category / choice for: confirming creates them
    new_categories: labelView(run.labels?.new_categories),
    new_referral_sources: labelView(run.labels?.new_referral_sources),
    created_categories: run.labels?.created?.categories ?? [],
    created_referral_sources: run.labels?.created?.referral_sources ?? [],
    error,
  }
}

function labelView(list: { name: string; rows: number; map_to?: string | null; creates?: boolean }[] | undefined) {
  return (list ?? []).map((l) => ({
    name: l.name,
    rows: l.rows,
    ...(l.map_to ? { map_to: l.map_to } : {}),
    creates: l.creates !== false,
  }))
}

async function jobsById(req: MedusaRequest, ids: string[]) {
  const map = new Map<string, JobLite>()
  const wanted = ids.filter(Boolean)
  if (!wanted.length) return map
  const jobs: BackofficeJobsModuleService = req.scope.resolve(BACKOFFICE_JOBS_MODULE)
  const found = await jobs.listBackofficeJobs({ id: wanted }, { select: ["id", "status", "progress", "error"] })
  for (const j of found) map.set(j.id, j as unknown as JobLite)
  return map
}

/** Who uploaded: the admin users of the runs, in one query. */
async function usersById(req: MedusaRequest, ids: string[]) {
  const map = new Map<string, UserLite>()
  const wanted = [...new Set(ids.filter(Boolean))]
  if (!wanted.length) return map
  const rows = await importKnex(req.scope)("user")
    .whereIn("id", wanted)
    .select("id", "email", "first_name", "last_name")
  for (const u of rows) map.set(u.id, u)
  return map
}

export async function runViews(req: MedusaRequest, runs: Run[]) {
  const [jobs, users] = await Promise.all([
    jobsById(req, runs.map((r) => r.job_id)),
    usersById(req, runs.map((r) => r.created_by)),
  ])
  return runs.map((r) =>
    runView(r, r.job_id ? jobs.get(r.job_id) ?? null : null, r.created_by ? users.get(r.created_by) ?? null : null)
  )
}

/** The run or a 404 answer (null). */
export async function loadRun(req: MedusaRequest, res: MedusaResponse): Promise<Run | null> {
  const [run] = await importService(req.scope).listImportRuns({ id: req.params.id })
  if (!run) {
    res.status(404).json({ type: "not_found", message: `Import ${req.params.id} was not found` })
    return null
  }
  return run as Run
}

/** Rows in the preview of the file (the review screen's "as read"). */
export const PREVIEW_ROWS = 5

/** The first rows of the file as decoded (cells by header index). */
export async function filePreview(req: MedusaRequest, runId: string) {
  const rows = await importKnex(req.scope)("import_row")
    .where({ run_id: runId })
    .whereNull("deleted_at")
    .orderBy("row_number")
    .limit(PREVIEW_ROWS)
    .select("row_number", "raw")
  return rows.map((r: { row_number: number; raw: string[] }) => ({ row_number: r.row_number, cells: r.raw }))
}

/** One run with the preview of its file (GET /:id and the answers of its actions). */
export async function runDetail(req: MedusaRequest, run: Run) {
  const [[view], preview] = await Promise.all([runViews(req, [run]), filePreview(req, run.id)])
  return { ...view, preview }
}

export async function sendRun(req: MedusaRequest, res: MedusaResponse, id: string, status = 200) {
  const run = await importService(req.scope).retrieveImportRun(id)
  res.status(status).json({ import_run: await runDetail(req, run as Run) })
}

/** Streams a CSV download. */
export function startCsv(res: MedusaResponse, filename: string) {
  res.setHeader("Content-Type", "text/csv; charset=utf-8")
  // the uploaded file's name is the merchant's: only safe characters reach the header
  const safe = filename.replace(/[^A-Za-z0-9 ._()-]+/g, "_").slice(-150) || "export.csv"
  res.setHeader("Content-Disposition", `attachment; filename="${safe}"`)
}

export async function writeTo(res: MedusaResponse, chunk: string) {
  if (!res.write(chunk)) await new Promise((r) => res.once("drain", r))
}
