import { Transform } from "stream"
import { Modules } from "@medusajs/framework/utils"
import { setTimeout as sleep } from "timers/promises"
import { customerFiles } from "../lib/customer-files"
import { defineJob, PermanentJobError, type JobContext } from "../modules/backoffice-jobs/runtime/registry"
import { CustomerFileError, openCustomerFile, type CustomerFileEncoding } from "../lib/customer-io/read"
import type { EncodingReport } from "../lib/customer-import/warnings"
import { revalidateRun, stageFile } from "../lib/customer-import/pipeline"
import { commitRun } from "../lib/customer-import/commit"
import { writeBackup } from "../lib/customer-import/files"
import type { ImportMapping } from "../lib/customer-import/validate"
import { importContext, importKnex, importService } from "../workflows/customer-import/context"
import { enqueueBackofficeJobWorkflow } from "../workflows/backoffice-jobs/workflows"
import { INVITE_IMPORTED_JOB } from "../types/invitations"
import {
  commitImportBatchWorkflow,
  IMPORT_COMMIT_JOB,
  IMPORT_PARSE_JOB,
  IMPORT_REVALIDATE_JOB,
} from "../workflows/customer-import/workflows"
import { applyImportedTradeTermsWorkflow } from "../workflows/customer-import/trade-terms"

type RunPayload = { run_id: string; backup?: boolean; encoding?: CustomerFileEncoding }

/** Loads the run or fails the job for good (a deleted run cannot be retried into existence). */
async function loadRun(ctx: JobContext<RunPayload>) {
  const service = importService(ctx.container)
  const [run] = await service.listImportRuns({ id: ctx.job.payload.run_id })
  if (!run) throw new PermanentJobError(`Import run ${ctx.job.payload.run_id} was not found`)
  return { service, run }
}

async function failRun(ctx: JobContext<RunPayload>, message: string) {
  await importService(ctx.container).updateImportRuns({ id: ctx.job.payload.run_id, status: "failed", error: message })
  throw new PermanentJobError(message)
}

/**
 * Whether this parse job may read the run's file. A run the job failed
 * ("failed", nothing written yet) is read again when the job is retried, so
 * the run follows its job; a failed run belonging to another job, or one
 * already written, is refused with the reason (never "completed" while the
 * import stays failed).
 */
function parseAllowed(run: { status: string; committed_at?: unknown; job_id?: string | null }, jobId: string) {
  if (run.status === "uploaded" || run.status === "parsing") return { parse: true as const }
  if (run.status !== "failed") return { parse: false as const }
  if (run.committed_at) {
    throw new PermanentJobError("This import failed while writing customers; its file cannot be read again")
  }
  if (run.job_id && run.job_id !== jobId) {
    throw new PermanentJobError("This import's file was read by a later job: open the import to read the file again")
  }
  return { parse: true as const }
}

/**
 * Reads the uploaded file from the File module (streamed, never held in
 * memory), stages and validates its rows, and puts the run in review.
 * `encoding` (the merchant's choice on the review screen) reads the file
 * with that encoding instead of detecting it; the mapping is kept when the
 * headers read the same. Progress = bytes read / file size.
 */
export const importParseJob = defineJob<RunPayload>({
  type: IMPORT_PARSE_JOB,
  label: "Import customers: read the file",
  queue: "imports",
  async run(ctx) {
    const { service, run } = await loadRun(ctx)
    if (!parseAllowed(run, ctx.job.id).parse) return { skipped: run.status }
    await service.updateImportRuns({ id: run.id, status: "parsing", error: null })
    const chosen = ctx.job.payload.encoding
    const files = customerFiles(ctx.container)
    const size = Number(run.file_size) || 0
    let bytes = 0
    const counter = new Transform({
      transform(chunk, _enc, cb) {
        bytes += chunk.length
        cb(null, chunk)
      },
    })
    let file
    try {
      const source = await files.read(run.file_id!)
      source.on("error", (e: Error) => counter.destroy(e))
      file = await openCustomerFile(source.pipe(counter), chosen ? { encoding: chosen } : {})
    } catch (e) {
      if (e instanceof CustomerFileError) return failRun(ctx, e.message)
      throw e
    }
    const context = await importContext(ctx.container, { runId: run.id, review: true })
    try {
      const sameHeaders = Array.isArray(run.headers) && JSON.stringify(run.headers) === JSON.stringify(file.headers)
      const { counts } = await stageFile(importKnex(ctx.container), run.id, file, context, {
        mapping: sameHeaders && Array.isArray(run.mapping) ? (run.mapping as unknown as ImportMapping) : undefined,
        signal: ctx.signal,
        onProgress: async ({ rows }) => {
          ctx.throwIfCancelled()
          await ctx.progress({
            processed: rows,
            percent: size ? Math.min(99, (bytes * 100) / size) : 0,
          })
        },
      })
      const previous = run.encoding_report as unknown as EncodingReport | null
      const invalid = file.invalid_bytes
      const report: EncodingReport = {
        detected: chosen ? previous?.detected ?? null : file.encoding,
        chosen: chosen ?? null,
        invalid_bytes: invalid.count,
        invalid_rows: invalid.rows,
        first_invalid_rows: invalid.first_rows,
      }
      await service.updateImportRuns({
        id: run.id,
        status: "review",
        encoding: file.encoding,
        delimiter: file.delimiter,
        encoding_report: report as unknown as Record<string, unknown>,
      })
      await ctx.progress({ processed: counts.rows, total: counts.rows })
      return { rows: counts.rows }
    } catch (e) {
      if (e instanceof CustomerFileError) return failRun(ctx, e.message)
      throw e
    } finally {
      file.close()
    }
  },
})

/** Re-validates every row after the merchant changed the mapping. */
export const importRevalidateJob = defineJob<RunPayload>({
  type: IMPORT_REVALIDATE_JOB,
  label: "Import customers: apply the column mapping",
  queue: "imports",
  async run(ctx) {
    const { service, run } = await loadRun(ctx)
    const context = await importContext(ctx.container, { runId: run.id, review: true })
    const total = Number((run.counts as Record<string, number> | null)?.rows ?? 0)
    const counts = await revalidateRun(
      importKnex(ctx.container),
      run.id,
      (run.mapping as unknown as ImportMapping) ?? [],
      context,
      {
        onProgress: async ({ rows }) => {
          ctx.throwIfCancelled()
          await ctx.progress({ processed: rows, total })
        },
      }
    )
    await service.updateImportRuns({ id: run.id, status: "review" })
    return { rows: counts.rows }
  },
})

/**
 * Writes the reviewed rows in batches (each one transaction, run as
 * `commitImportBatchWorkflow`). Resumable: applied rows are skipped, so a
 * worker killed mid-import and the next attempt end exactly where an
 * uninterrupted run would (trade terms written by a batch but not yet put
 * into effect are applied first). The backup of the customers to be updated
 * is written first (once).
 */
export const importCommitJob = defineJob<RunPayload, { last_row_number: number | null; backup_done?: boolean }>({
  type: IMPORT_COMMIT_JOB,
  label: "Import customers: write",
  queue: "imports",
  async run(ctx) {
    const { service, run } = await loadRun(ctx)
    if (run.status === "completed") return { skipped: "completed" }
    if (run.status !== "committing") throw new PermanentJobError(`The import is ${run.status}, not confirmed`)
    const knex = importKnex(ctx.container)
    const counts0 = (run.counts ?? {}) as Record<string, number>
    if (ctx.job.payload.backup !== false && !run.backup_file_id && (counts0.update ?? 0) > 0) {
      const files = customerFiles(ctx.container)
      const upload = await files.upload({ kind: "customer-import-backup", ext: "csv", mimeType: "text/csv" })
      const stream = upload.writeStream
      let key: string
      try {
        await writeBackup(knex, run.id, async (chunk) => {
          if (!stream.write(chunk)) await new Promise((r) => stream.once("drain", r))
        })
        stream.end()
        key = await upload.done
      } catch (e) {
        stream.destroy()
        await upload.done.catch(() => undefined)
        throw e
      }
      try {
        await service.updateImportRuns({ id: run.id, backup_file_id: key })
      } catch (e) {
        await files.remove(key).catch(() => undefined)
        throw e
      }
    }
    const options = service.options
    const delayMs = Number(process.env.CBO_IMPORT_BATCH_DELAY_MS || 0)
    const total = (counts0.new ?? 0) + (counts0.update ?? 0)
    const { rows: doneRows } = await knex.raw(
      `select count(*)::int as n from import_row where run_id = ? and deleted_at is null and applied_at is not null and action in ('new','update')`,
      [run.id]
    )
    let processed = doneRows[0].n as number
    // trade terms an interrupted attempt wrote but did not put into effect yet
    await applyImportedTradeTermsWorkflow(ctx.container).run({ input: { run_id: run.id } })
    // every row up to the checkpoint was in a committed batch; the batches
    // after it are planned again from what is still unwritten
    const counts = await commitRun(knex, run.id, null, {
      batchSize: options.importBatchSize,
      lanes: options.importParallelBatches,
      from: ctx.job.checkpoint?.last_row_number ?? 0,
      runBatch: async (range, batchSize) =>
        (
          await commitImportBatchWorkflow(ctx.container).run({
            input: { run_id: run.id, batch_size: batchSize, after_row_number: range.after, to_row_number: range.to },
          })
        ).result,
      onBatch: async (result, checkpoint) => {
        processed += result.row_ids.length
        await ctx.saveCheckpoint({ last_row_number: checkpoint })
        await ctx.progress({ processed: Math.min(processed, total), total })
        if (delayMs) await sleep(delayMs)
      },
      beforeBatch: () => ctx.throwIfCancelled(),
      ...(options.importEmitsCustomerEvents
        ? { emit: (messages) => ctx.container.resolve(Modules.EVENT_BUS).emit(messages) }
        : {}),
    })
    const now = new Date()
    await service.updateImportRuns({
      id: run.id,
      status: "completed",
      committed_at: now,
      undo_until: new Date(now.getTime() + options.importUndoDays * 24 * 3600 * 1000),
    })
    if (options.inviteInStoreCustomers === "on_create" && (counts0.new ?? 0) > 0) {
      // invitations go out from their own job, in batches: a notification
      // provider that fails never fails (or holds up) the committed import
      try {
        await enqueueBackofficeJobWorkflow(ctx.container).run({
          input: { type: INVITE_IMPORTED_JOB, key: `${INVITE_IMPORTED_JOB}:${run.id}`, payload: { run_id: run.id }, created_by: ctx.job.created_by },
        })
      } catch (e) {
        ctx.logger.warn(`import ${run.id}: the invitations of its new customers could not be queued: ${(e as Error).message}`)
      }
    }
    return { created: counts.created, updated: counts.updated, failed: counts.failed, unchanged: counts.unchanged }
  },
})
