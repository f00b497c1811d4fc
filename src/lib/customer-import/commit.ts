/**
 * Commit and undo of a CSV import — set-based SQL, no statement per row.
 *
 * `commitRun(knex, runId, ctx, { batchSize })` (see ./pipeline.ts for the
 * whole pipeline) writes the run's rows to the customer tables in batches.
 * Each batch is ONE PostgreSQL transaction: the batch's rows are loaded into
 * a temporary table (one jsonb_to_recordset), then one statement per table
 * writes them all — customers (new ones with the id pre-assigned at confirm
 * by `assignNewCustomerIds`, `ON CONFLICT (id) DO NOTHING`), profiles,
 * default addresses, categories, stores, opt-out and consent history,
 * notes, timeline — and the same transaction marks the rows applied. A
 * worker killed mid-batch leaves nothing of that batch; the next attempt
 * skips applied rows and redoes the batch, so the end state equals an
 * uninterrupted run's. Before-images (for undo) are taken in the batch,
 * only for rows that have none yet.
 */
import { collectGarbage, GC_EVERY_ROWS } from "./gc"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { bulkEntityId } from "./ids"
import { refreshCounts } from "./evaluate"
import { type ImportContext } from "./validate"
import { commitBatch, type BatchResult } from "./batch"
import { importedCustomerMessages, type ImportedCustomerMessage } from "./events"
import { CUSTOMER_STORES_TABLE } from "../core-sql/tables"

export * from "./batch"
export * from "./undo"

/**
 * Gives every row that will create a customer its customer id now, so that
 * a resumed commit creates that customer under the same id (never twice).
 */
export async function assignNewCustomerIds(knex: Knex, runId: string) {
  let after = 0
  for (;;) {
    const rows = await knex("import_row")
      .where({ run_id: runId, action: "new", excluded: false })
      .whereNull("customer_id")
      .whereNull("applied_at")
      .whereNull("deleted_at")
      .andWhere("row_number", ">", after)
      .orderBy("row_number")
      .limit(5000)
      .select("id", "row_number")
    if (!rows.length) return
    after = rows[rows.length - 1].row_number
    const payload = rows.map((r) => ({ id: r.id, customer_id: bulkEntityId("cus") }))
    await knex.raw(
      `update import_row r set customer_id = x.customer_id, updated_at = now()
         from jsonb_to_recordset(?::jsonb) as x(id text, customer_id text)
        where r.id = x.id and r.customer_id is null`,
      [JSON.stringify(payload)]
    )
  }
}

/** A batch of the commit: the unapplied rows with `after` < row_number <= `to`. */
export type BatchRange = { after: number; to: number }

/**
 * Splits the run's rows still to write (after row `from`) into consecutive
 * ranges of `batchSize` rows, in one query.
 */
async function planBatches(knex: Knex, runId: string, batchSize: number, from = 0): Promise<BatchRange[]> {
  const { rows } = await knex.raw(
    `select max(row_number)::int as last
       from (select row_number, (row_number() over (order by row_number) - 1) / ? as b
               from import_row
              where run_id = ? and deleted_at is null and not excluded and action in ('new', 'update')
                and applied_at is null and row_number > ?) x
      group by b order by b`,
    [batchSize, runId, from]
  )
  let previous = from
  return (rows as { last: number }[]).map((r) => {
    const range = { after: previous, to: r.last }
    previous = r.last
    return range
  })
}

/**
 * Runs the batches `ranges` on up to `lanes` transactions at once (the
 * batches write disjoint customers: one row per customer survives the
 * review — rows sharing an email and account kind are duplicates), taking
 * them in order. `onDone` gets each finished
 * batch and the checkpoint: the highest row number up to which every batch
 * is written. After a failure no new batch is started; the error is thrown
 * once the running ones have ended (their work is committed: a retry skips
 * it).
 */
export async function runBatchLanes<T>(
  ranges: BatchRange[],
  lanes: number,
  run: (range: BatchRange) => Promise<T>,
  onDone?: (range: BatchRange, result: T, checkpoint: number) => Promise<void> | void,
  beforeEach?: () => void
): Promise<void> {
  let next = 0
  let failure: unknown = null
  const done = new Array<boolean>(ranges.length).fill(false)
  let prefix = 0
  const lane = async () => {
    while (failure === null && next < ranges.length) {
      const i = next++
      try {
        beforeEach?.()
        const result = await run(ranges[i])
        done[i] = true
        while (prefix < ranges.length && done[prefix]) prefix++
        await onDone?.(ranges[i], result, prefix > 0 ? ranges[prefix - 1].to : ranges[0].after)
      } catch (e) {
        if (failure === null) failure = e
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(lanes, ranges.length)) }, lane))
  if (failure !== null) throw failure
}

/** From this many rows on, an import keeps the planner statistics fresh. */
const LARGE_IMPORT_ROWS = 5000

/**
 * Tables a commit looks rows up in (by customer, email, number): their
 * planner statistics must follow the import. consent_event and
 * timeline_entry are only appended to (by primary key) and need none;
 * import_row does not grow during a commit (analysed at the first refresh).
 */
const LOOKED_UP_TABLES = [
  "customer",
  "customer_address",
  "customer_profile",
  "customer_group_customer",
  CUSTOMER_STORES_TABLE,
  "customer_consent",
  "customer_note",
  "timeline_customer_snapshot",
]

/**
 * Keeps the planner's statistics in step with a large import. The batch
 * statements join a small batch table with big customer tables; with
 * statistics from before the import (autovacuum lags behind bulk writes, or
 * is off) PostgreSQL believes those tables are tiny and scans them whole for
 * every batch. ANALYZE runs before the first batch and again when the
 * customer table has grown tenfold (at least 50,000 customers written since
 * the last run): in between the planner scales its row estimates with the
 * tables' actual size, and each ANALYZE of these eight tables costs about a
 * second (re-running it each time the table doubled cost more than it
 * saved). Without the right to ANALYZE (not the tables' owner) the import
 * goes on without it.
 */
class TableStats {
  private sinceLast = 0
  private threshold = 50_000
  private disabled: boolean
  private first = true

  constructor(private readonly knex: Knex, enabled = true) {
    this.disabled = !enabled
  }

  async refresh() {
    if (this.disabled) return
    // reset first: batches finishing on other lanes meanwhile do not start a second ANALYZE
    this.sinceLast = 0
    try {
      const tables = this.first ? [...LOOKED_UP_TABLES, "import_row"] : LOOKED_UP_TABLES
      await this.knex.raw(`analyze ${tables.join(", ")}`)
      this.first = false
      const { rows } = await this.knex.raw(`select reltuples::bigint as n from pg_class where relname = 'customer'`)
      this.threshold = Math.max(50_000, 9 * Number(rows[0]?.n ?? 0))
    } catch {
      this.disabled = true
    }
  }

  async written(rows: number) {
    this.sinceLast += rows
    if (this.sinceLast >= this.threshold) await this.refresh()
  }
}

/**
 * Marks what the batches do not write: invalid rows that were not excluded
 * become failures (with their errors as the reason), unchanged rows are
 * recorded as such; then the counts are refreshed.
 */
async function finishCommit(knex: Knex, runId: string) {
  await knex.raw(
    `update import_row set result = 'failed', applied_at = now(), updated_at = now(),
            fail_reason = coalesce(row_error || case when errors <> '{}'::jsonb then '; ' else '' end, '') ||
              coalesce((select string_agg(key || ': ' || value, '; ' order by key) from jsonb_each_text(errors)), '')
      where run_id = ? and deleted_at is null and action = 'invalid' and not excluded and result is null`,
    [runId]
  )
  await knex.raw(
    `update import_row set result = 'unchanged', applied_at = now(), updated_at = now()
      where run_id = ? and deleted_at is null and action = 'unchanged' and not excluded and result is null`,
    [runId]
  )
  return refreshCounts(knex, runId)
}

/**
 * Commits the whole run: ids for new customers, then the batches still to
 * write (after row `from`, a checkpoint), `lanes` at a time, then the
 * failures. `runBatch` lets the caller run each batch its own way (the job
 * runs it as a workflow; default: `commitBatch` with `ctx`); `onBatch`
 * reports each written batch with the checkpoint; `beforeBatch` may throw
 * to stop (cancellation).
 */
export async function commitRun(
  knex: Knex,
  runId: string,
  ctx: ImportContext | null,
  opts: {
    batchSize?: number
    /** Batches written at once, each in its own transaction (default 2). */
    lanes?: number
    /** Rows up to this number are written already (a checkpoint). */
    from?: number
    runBatch?: (range: BatchRange, batchSize: number) => Promise<BatchResult>
    onBatch?: (result: BatchResult, checkpoint: number) => Promise<void> | void
    beforeBatch?: () => void
    /**
     * Emits Medusa's customer.created / customer.updated events of a batch
     * (one call per batch, see ./events.ts), once its transaction is
     * committed; never for a batch that failed (rolled back). Pass the event
     * bus's `emit`; without it no event is emitted.
     */
    emit?: (messages: ImportedCustomerMessage[]) => Promise<unknown>
  } = {}
) {
  const runBatch =
    opts.runBatch ??
    ((range: BatchRange, batchSize: number) => {
      if (!ctx) throw new Error("commitRun needs an import context or a runBatch")
      return commitBatch(knex, runId, ctx, { batchSize, afterRowNumber: range.after, toRowNumber: range.to })
    })
  await assignNewCustomerIds(knex, runId)
  const { rows: left } = await knex.raw(
    `select count(*)::int as n from import_row
      where run_id = ? and deleted_at is null and not excluded and action in ('new', 'update') and applied_at is null`,
    [runId]
  )
  // small imports write a handful of batches: statistics do not matter there
  const stats = new TableStats(knex, left[0].n >= LARGE_IMPORT_ROWS)
  await stats.refresh()
  const batchSize = opts.batchSize ?? 1000
  let written = 0
  await runBatchLanes(
    await planBatches(knex, runId, batchSize, opts.from ?? 0),
    opts.lanes ?? 2,
    (range) => runBatch(range, batchSize),
    async (_range, result, checkpoint) => {
      if (opts.emit && (result.created.length || result.updated.length)) {
        await opts.emit(importedCustomerMessages(runId, result))
      }
      await stats.written(result.row_ids.length)
      const before = written
      written += result.row_ids.length
      if (Math.floor(written / GC_EVERY_ROWS) > Math.floor(before / GC_EVERY_ROWS)) collectGarbage()
      await opts.onBatch?.(result, checkpoint)
    },
    opts.beforeBatch
  )
  return finishCommit(knex, runId)
}
