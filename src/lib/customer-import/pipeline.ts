/**
 * The CSV import pipeline: creating a run and staging a file. Validation
 * against the store, duplicates and counts are in ./evaluate.ts, the
 * review's rows and edits in ./rows.ts (both re-exported here), commit and
 * undo in ./commit.ts.
 *
 * Every stage is a plain function over a knex connection and a small
 * context, usable outside Medusa (benchmarks, scripts):
 *
 * ```ts
 * import knexFactory from "knex"
 * import { openCustomerFile } from "../customer-io/read"
 * import { loadImportContext } from "./validate"
 * import { createRun, stageFile } from "./pipeline"
 * import { commitRun } from "./commit"
 *
 * const knex = knexFactory({ client: "pg", connection: DATABASE_URL })
 * const ctx = await loadImportContext(knex, { defaultCountry: "US", emailRequired: true })
 * const runId = await createRun(knex, { file_name: "customers.csv" })   // or a run made by the module
 * const file = await openCustomerFile(fs.createReadStream("customers.csv"))
 * const { counts } = await stageFile(knex, runId, file, ctx)           // read → validate → COPY → counts
 * await commitRun(knex, runId, ctx, { batchSize: 1000 })              // set-based batches, two at a time, resumable
 * ```
 *
 * Trade terms a commit writes are put into effect in Medusa (customer groups,
 * promotions) by the commit job's workflows, not by these functions: on a
 * plain knex the rows stay `terms_pending` until
 * `applyImportedTradeTermsWorkflow` runs for the run.
 *
 * Staging streams: records are validated in chunks of `STAGE_CHUNK` (one
 * query per chunk to match emails, one for customer ID numbers, the current
 * values of matched customers in a handful of queries) and written with one
 * `COPY import_row FROM STDIN` for the whole file.
 */
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { generateEntityId } from "@medusajs/framework/utils"
import { bulkEntityId } from "./ids"
import { copyText } from "./copy"
import { collectGarbage, GC_EVERY_ROWS } from "./gc"
import { from as copyFrom } from "pg-copy-streams"
import { matchHeaders } from "../customer-io/columns"
import type { CustomerFile, FileRecord } from "../customer-io/read"
import { refreshNewLabels } from "./labels"
import { mapCells, storableCell, type ImportContext, type ImportMapping } from "./validate"
import {
  evaluateRows,
  refreshCounts,
  resolveDuplicates,
  rowId,
  STAGE_CHUNK,
  type ImportCounts,
  type StageProgress,
} from "./evaluate"

export * from "./evaluate"
export * from "./rows"

/** Size (characters) of the pieces the COPY text is written in. */
const COPY_PIECE = 64 * 1024

/** Creates a bare run record (for scripts; the admin API creates runs through the module). */
export async function createRun(
  knex: Knex,
  data: { file_name: string; file_size?: number; created_by?: string | null; parent_run_id?: string | null }
): Promise<string> {
  const id = generateEntityId(undefined, "cimp")
  await knex("import_run").insert({
    id,
    status: "uploaded",
    file_name: data.file_name,
    file_size: data.file_size ?? 0,
    created_by: data.created_by ?? null,
    parent_run_id: data.parent_run_id ?? null,
  })
  return id
}

const COPY_COLUMNS = [
  "id",
  "run_id",
  "row_number",
  "raw",
  '"values"',
  "errors",
  "row_error",
  "action",
  "email_key",
  "customer_id",
]

type CopyConnection = {
  query(stream: unknown): NodeJS.WritableStream & {
    on(event: string, cb: (...args: unknown[]) => void): unknown
  }
}

/** Streams rows into import_row with one COPY; `write` resolves when the stream can take more. */
async function openCopy(knex: Knex) {
  const client = (knex as unknown as { client: { acquireConnection(): Promise<CopyConnection>; releaseConnection(c: unknown): Promise<void> } }).client
  const conn = await client.acquireConnection()
  const stream = conn.query(copyFrom(`COPY import_row (${COPY_COLUMNS.join(", ")}) FROM STDIN`))
  let failed: Error | null = null
  const done = new Promise<void>((resolve, reject) => {
    stream.on("finish", () => resolve())
    stream.on("error", (e) => {
      failed = e as Error
      reject(e)
    })
  })
  done.catch(() => undefined)
  let released = false
  const release = async () => {
    if (!released) {
      released = true
      await client.releaseConnection(conn)
    }
  }
  return {
    async write(text: string) {
      if (failed) throw failed
      if (!stream.write(text)) {
        await new Promise<void>((resolve, reject) => {
          stream.once("drain", () => resolve())
          stream.once("error", reject)
        })
      }
    },
    async end() {
      try {
        stream.end()
        await done
      } finally {
        await release()
      }
    },
    async abort() {
      try {
        ;(stream as unknown as { destroy(e?: Error): void }).destroy(new Error("aborted"))
        await done.catch(() => undefined)
      } finally {
        await release()
      }
    },
  }
}

/**
 * Reads a customer file into import_row: maps the cells with the run's
 * mapping (or the automatic header matching), validates, matches existing
 * customers, flags duplicates and computes the counts. Rows staged by an
 * earlier (interrupted) attempt are replaced.
 */
export async function stageFile(
  knex: Knex,
  runId: string,
  file: Pick<CustomerFile, "headers" | "records"> & { encoding?: string; delimiter?: string },
  ctx: ImportContext,
  opts: {
    mapping?: ImportMapping
    onProgress?: (p: StageProgress) => Promise<void> | void
    signal?: AbortSignal
  } = {}
): Promise<{ headers: string[]; mapping: ImportMapping; counts: ImportCounts }> {
  const headers = file.headers.map(storableCell)
  const mapping: ImportMapping =
    opts.mapping ??
    matchHeaders(headers).map((m) =>
      "reason" in m ? { header: m.header, column: null, reason: m.reason } : { header: m.header, column: m.column }
    )
  await knex("import_row").where({ run_id: runId }).whereNull("deleted_at").delete()
  const copy = await openCopy(knex)
  let staged = 0
  try {
    // While one chunk is validated (database lookups), the next one is read.
    let chunk: FileRecord[] = []
    let pending: Promise<void> = Promise.resolve()
    const evaluateAndWrite = async (records: FileRecord[]) => {
      for (const rec of records) {
        if (rec.cells.some((c) => c.includes("\u0000"))) rec.cells = rec.cells.map(storableCell)
      }
      const evaluated = await evaluateRows(
        knex,
        records.map((rec) => ({
          row_number: rec.row_number,
          values: mapCells(rec.cells, mapping),
          row_error: rec.error ?? null,
        })),
        ctx
      )
      // COPY text in pieces of ~64 KB rather than one multi-megabyte string
      // (and Buffer) per chunk in V8's large-object space
      const pieces: string[] = []
      let text = ""
      for (let i = 0; i < evaluated.length; i++) {
        const e = evaluated[i]
        if (text.length >= COPY_PIECE) {
          pieces.push(text)
          text = ""
        }
        text +=
          [
            rowId(runId, e.row_number),
            runId,
            String(e.row_number),
            copyText(JSON.stringify(records[i].cells)),
            copyText(JSON.stringify(e.values)),
            copyText(JSON.stringify(e.errors)),
            copyText(e.row_error),
            e.action,
            copyText(e.email_key),
            // a new customer's id is assigned now (rows that become new later get one at commit)
            copyText(e.customer_id ?? (e.action === "new" ? bulkEntityId("cus") : null)),
          ].join("\t") + "\n"
      }
      if (text) pieces.push(text)
      return pieces
    }
    const flush = async () => {
      if (!chunk.length) return
      const records = chunk
      const count = records.length
      chunk = []
      const evaluation = evaluateAndWrite(records)
      evaluation.catch(() => undefined)
      const previous = pending
      pending = (async () => {
        const pieces = await evaluation
        await previous
        for (const piece of pieces) await copy.write(piece)
        const before = staged
        staged += count
        if (Math.floor(staged / GC_EVERY_ROWS) > Math.floor(before / GC_EVERY_ROWS)) collectGarbage()
        await opts.onProgress?.({ rows: staged })
      })()
      pending.catch(() => undefined)
      // at most two chunks in memory: wait for the one before
      await previous
    }
    for await (const record of file.records) {
      chunk.push(record)
      if (chunk.length >= STAGE_CHUNK) {
        if (opts.signal?.aborted) throw new Error("The job was cancelled")
        await flush()
      }
    }
    await flush()
    await pending
    await copy.end()
  } catch (e) {
    await copy.abort()
    throw e
  }
  // fresh statistics for the review and commit queries on the staged rows
  if (staged >= 5000) await knex.raw(`analyze import_row`).catch(() => undefined)
  await resolveDuplicates(knex, runId)
  const counts = await refreshCounts(knex, runId)
  await refreshNewLabels(knex, runId, ctx)
  await knex("import_run")
    .where({ id: runId })
    .update({
      headers: JSON.stringify(headers),
      mapping: JSON.stringify(mapping),
      ...(file.encoding ? { encoding: file.encoding } : {}),
      ...(file.delimiter ? { delimiter: file.delimiter } : {}),
      updated_at: knex.fn.now(),
    })
  return { headers, mapping, counts }
}
