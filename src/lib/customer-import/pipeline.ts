/**
 * The CSV import pipeline: staging, validation, counts and review edits.
 * Commit and undo are in ./commit.ts.
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
import { matchHeaders, IMPORT_COLUMNS } from "../customer-io/columns"
import type { CustomerFile, FileRecord } from "../customer-io/read"
import { loadCustomerFileRows } from "../customer-io/customer-rows"
import { unreadableErrors } from "./unreadable"
import { refreshNewLabels } from "./labels"
import {
  mapCells,
  storableCell,
  rowIsUnchanged,
  duplicateKey,
  type AccountKind,
  validateValues,
  type ImportContext,
  type ImportMapping,
  type NormalizedRow,
} from "./validate"

export const STAGE_CHUNK = 2000
/** Size (characters) of the pieces the COPY text is written in. */
const COPY_PIECE = 64 * 1024

export type ImportCounts = {
  rows: number
  new: number
  update: number
  unchanged: number
  invalid: number
  duplicate: number
  excluded: number
  created: number
  updated: number
  failed: number
}

export type RowAction = "new" | "update" | "unchanged" | "invalid"

export type EvaluatedRow = {
  row_number: number
  values: Record<string, string>
  errors: Record<string, string>
  row_error: string | null
  action: RowAction
  email_key: string | null
  customer_id: string | null
  normalized: NormalizedRow
}

/** Deterministic id of a staged row: staging twice never duplicates a row. */
export function rowId(runId: string, rowNumber: number) {
  return `cimpr_${runId.replace(/^cimp_/, "")}_${rowNumber}`
}

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

/**
 * Validates rows and matches them with existing customers: by email (case
 * insensitive), the registered account first, then the guest — or only the
 * kind the row's Account cell names (Registered / Guest). A matched row
 * is "unchanged" when every value equals the customer's current one.
 */
export async function evaluateRows(
  knex: Knex,
  rows: { row_number: number; values: Record<string, string>; row_error?: string | null }[],
  ctx: ImportContext,
  opts: { compare?: boolean } = {}
): Promise<EvaluatedRow[]> {
  const compare = opts.compare !== false
  const validated = rows.map((r) => {
    const { errors, row } = validateValues(r.values, ctx)
    const unreadable = unreadableErrors(r.values)
    return { ...r, errors: unreadable ? { ...errors, ...unreadable } : errors, normalized: row }
  })
  // what a row is matched by: its email, and the kind of customer its Account cell names
  const lookupKey = (n: NormalizedRow) => (n.email_key ? `${n.email_key}\n${n.account ?? ""}` : null)
  const lookups = new Map<string, { key: string; email: string; account: AccountKind | null }>()
  for (const r of validated) {
    const key = lookupKey(r.normalized)
    if (key) lookups.set(key, { key, email: r.normalized.email_key!, account: r.normalized.account ?? null })
  }
  const numbers = [
    ...new Set(validated.map((r) => r.normalized.data.customer_number).filter(Boolean)),
  ] as string[]
  // independent lookups, in parallel on the pool
  const [found, numberRows] = await Promise.all([
    lookups.size
      ? knex
          .raw(
            // one index probe per email (a plain "= any(?)" is planned as a
            // scan of the whole customer table): the registered account
            // first, then the oldest guest; only one kind when the key names it
            `select m.id, m.has_account, k.key as k
               from jsonb_to_recordset(?::jsonb) as k(key text, email text, account text)
              cross join lateral (
                select c.id, c.has_account from customer c
                 where lower(coalesce(c.email, '')) = k.email and c.deleted_at is null
                   and (k.account is null or c.has_account = (k.account = 'registered'))
                 order by c.has_account desc, c.created_at asc, c.id asc
                 limit 1) m`,
            [JSON.stringify([...lookups.values()])]
          )
          .then((r: { rows: { id: string; has_account: boolean; k: string }[] }) => r.rows)
      : Promise.resolve([] as { id: string; has_account: boolean; k: string }[]),
    numbers.length
      ? knex("customer_profile")
          .whereNull("deleted_at")
          .whereIn("customer_number", numbers)
          .select("customer_id", "customer_number")
      : Promise.resolve([] as { customer_id: string; customer_number: string }[]),
  ])
  const match = new Map<string, string>()
  const registered = new Set<string>()
  for (const f of found) {
    if (!match.has(f.k)) match.set(f.k, f.id)
    if (f.has_account) registered.add(f.id)
  }
  const numberOwner = new Map<string, string>()
  for (const f of numberRows) numberOwner.set(f.customer_number, f.customer_id)
  const matchedIds = [...new Set(match.values())]
  const noteBodies = [...new Set(validated.map((r) => r.normalized.data.note).filter(Boolean))] as string[]
  const [current, noteRows] = await Promise.all([
    compare && matchedIds.length
      ? // the order dates and count are not imported: not loaded for the comparison
        loadCustomerFileRows(knex, matchedIds, { purchases: false })
      : Promise.resolve(new Map<string, Record<string, string>>()),
    compare && noteBodies.length && matchedIds.length
      ? knex("customer_note")
          .whereNull("deleted_at")
          .whereIn("customer_id", matchedIds)
          .whereIn("body", noteBodies)
          .select("customer_id", "body")
      : Promise.resolve([] as { customer_id: string; body: string }[]),
  ])
  const notes = new Set<string>()
  for (const n of noteRows) notes.add(`${n.customer_id}\u0000${n.body}`)

  return validated.map((r) => {
    const n = r.normalized
    const key = lookupKey(n)
    const customerId = key ? match.get(key) ?? null : null
    const errors = { ...r.errors }
    const number = n.data.customer_number
    if (number && numberOwner.has(number) && numberOwner.get(number) !== customerId) {
      errors.customer_number = `Customer ID number ${number} belongs to another customer`
    }
    if (n.account === "registered" && !customerId && !errors.email) {
      errors.account = "No registered account has this email (new customers are created as guests: write Guest or leave it empty)"
    }
    const rowError = r.row_error ?? null
    let action: RowAction
    if (rowError || Object.keys(errors).length) action = "invalid"
    else if (!customerId) action = "new"
    else {
      const sameNote = n.data.note ? notes.has(`${customerId}\u0000${n.data.note}`) : true
      action = rowIsUnchanged(n, current.get(customerId), sameNote) ? "unchanged" : "update"
    }
    return {
      row_number: r.row_number,
      values: r.values,
      errors,
      row_error: rowError,
      action,
      // duplicates are rows writing one customer: the email and the kind of
      // customer written (a new customer is a guest; Registered without a
      // registered account stays apart, it is invalid)
      email_key: n.email_key
        ? duplicateKey(
            n.email_key,
            customerId ? (registered.has(customerId) ? "registered" : "guest") : n.account === "registered" ? "registered" : "guest"
          )
        : null,
      customer_id: customerId,
      normalized: n,
    }
  })
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

export type StageProgress = { rows: number }

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

/**
 * Rows sharing an email: the last row of each group wins (as in Shopify),
 * the others are excluded with `duplicate_of` = the winner's row number.
 * Rows the merchant excluded take no part. Limited to `keys` when given.
 */
export async function resolveDuplicates(knex: Knex, runId: string, keys?: string[]) {
  const keyFilter = keys ? `and email_key = any(?)` : ""
  const keyArgs = keys ? [keys.filter(Boolean)] : []
  if (keys && !keyArgs[0].length) return
  await knex.raw(
    `update import_row set excluded = false, duplicate_of = null, updated_at = now()
      where run_id = ? and deleted_at is null and duplicate_of is not null ${keyFilter}`,
    [runId, ...keyArgs]
  )
  await knex.raw(
    `with g as (
       select id, row_number, max(row_number) over (partition by email_key) as last_rn,
              count(*) over (partition by email_key) as n
         from import_row
        where run_id = ? and email_key is not null and not excluded and deleted_at is null ${keyFilter}
     )
     update import_row r set excluded = true, duplicate_of = g.last_rn, updated_at = now()
       from g where r.id = g.id and g.n > 1 and g.row_number < g.last_rn`,
    [runId, ...keyArgs]
  )
}

/** Recomputes the run's counts from its rows (one aggregate query) and stores them. */
export async function refreshCounts(knex: Knex, runId: string): Promise<ImportCounts> {
  const { rows } = await knex.raw(
    `select count(*)::int as rows,
            count(*) filter (where not excluded and action = 'new')::int as new,
            count(*) filter (where not excluded and action = 'update')::int as update,
            count(*) filter (where not excluded and action = 'unchanged')::int as unchanged,
            count(*) filter (where not excluded and action = 'invalid')::int as invalid,
            count(*) filter (where duplicate_of is not null)::int as duplicate,
            count(*) filter (where excluded)::int as excluded,
            count(*) filter (where result = 'created')::int as created,
            count(*) filter (where result = 'updated')::int as updated,
            count(*) filter (where result = 'failed')::int as failed
       from import_row where run_id = ? and deleted_at is null`,
    [runId]
  )
  const counts = rows[0] as ImportCounts
  await knex("import_run")
    .where({ id: runId })
    .update({ counts: JSON.stringify(counts), updated_at: knex.fn.now() })
  return counts
}

/**
 * Re-validates every row after a mapping change: cells are re-read from the
 * staged raw cells with the new mapping (inline edits are replaced), in
 * pages, each page written back with one UPDATE … FROM jsonb_to_recordset.
 */
export async function revalidateRun(
  knex: Knex,
  runId: string,
  mapping: ImportMapping,
  ctx: ImportContext,
  opts: { onProgress?: (p: StageProgress) => Promise<void> | void } = {}
): Promise<ImportCounts> {
  await knex("import_run")
    .where({ id: runId })
    .update({ mapping: JSON.stringify(mapping), updated_at: knex.fn.now() })
  let after = 0
  let done = 0
  for (;;) {
    const page = await knex("import_row")
      .where({ run_id: runId })
      .andWhere("row_number", ">", after)
      .whereNull("deleted_at")
      .orderBy("row_number")
      .limit(STAGE_CHUNK)
      .select("id", "row_number", "raw", "row_error")
    if (!page.length) break
    const evaluated = await evaluateRows(
      knex,
      page.map((r) => ({
        row_number: r.row_number,
        values: mapCells(r.raw as string[], mapping),
        row_error: r.row_error,
      })),
      ctx
    )
    await writeEvaluated(knex, runId, evaluated, { resetEdited: true })
    after = page[page.length - 1].row_number
    done += page.length
    await opts.onProgress?.({ rows: done })
  }
  await resolveDuplicates(knex, runId)
  const counts = await refreshCounts(knex, runId)
  await refreshNewLabels(knex, runId, ctx)
  return counts
}

/**
 * Re-evaluates, from their current values (inline edits kept), the rows
 * whose cell in `key` mentions one of `names` (any case): after the merchant
 * chose where a new category or choice lands. Pages of STAGE_CHUNK rows.
 */
export async function reevaluateRows(
  knex: Knex,
  runId: string,
  cells: { key: string; names: string[] }[],
  ctx: ImportContext
): Promise<ImportCounts> {
  const like = (n: string) => `%${n.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`
  const wanted = cells.filter((c) => c.names.length)
  let after = 0
  while (wanted.length) {
    const page = await knex("import_row")
      .where({ run_id: runId })
      .andWhere("row_number", ">", after)
      .whereNull("deleted_at")
      .andWhere((q) => {
        for (const c of wanted) q.orWhereRaw(`lower(coalesce("values"->>?, '')) like any(?)`, [c.key, c.names.map(like)])
      })
      .orderBy("row_number")
      .limit(STAGE_CHUNK)
      .select("id", "row_number", "values", "row_error")
    if (!page.length) break
    const evaluated = await evaluateRows(
      knex,
      page.map((r) => ({ row_number: r.row_number, values: r.values as Record<string, string>, row_error: r.row_error })),
      ctx
    )
    await writeEvaluated(knex, runId, evaluated)
    after = page[page.length - 1].row_number
  }
  const counts = await refreshCounts(knex, runId)
  await refreshNewLabels(knex, runId, ctx)
  return counts
}

async function writeEvaluated(
  knex: Knex,
  runId: string,
  evaluated: EvaluatedRow[],
  opts: { resetEdited?: boolean; edited?: boolean } = {}
) {
  const payload = evaluated.map((e) => ({
    id: rowId(runId, e.row_number),
    values: e.values,
    errors: e.errors,
    action: e.action,
    email_key: e.email_key,
    customer_id: e.customer_id,
  }))
  const edited =
    opts.edited !== undefined ? `, edited = ${opts.edited ? "true" : "false"}` : opts.resetEdited ? ", edited = false" : ""
  await knex.raw(
    `update import_row r
        set "values" = x."values", errors = x.errors, action = x.action, email_key = x.email_key,
            customer_id = x.customer_id, updated_at = now() ${edited}
       from jsonb_to_recordset(?::jsonb) as x(id text, "values" jsonb, errors jsonb, action text, email_key text, customer_id text)
      where r.id = x.id and r.run_id = ?`,
    [JSON.stringify(payload), runId]
  )
}

export type RowView = {
  id: string
  row_number: number
  values: Record<string, string>
  errors: Record<string, string>
  row_error: string | null
  action: RowAction
  customer_id: string | null
  duplicate_of: number | null
  excluded: boolean
  edited: boolean
  result: string | null
  fail_reason: string | null
  raw: string[]
}

export const ROW_FILTERS = ["all", "invalid", "new", "update", "unchanged", "duplicate", "excluded", "failed"] as const
export type RowFilter = (typeof ROW_FILTERS)[number]

export const ROW_FIELDS = [
  "id",
  "row_number",
  "values",
  "errors",
  "row_error",
  "action",
  "customer_id",
  "duplicate_of",
  "excluded",
  "edited",
  "result",
  "fail_reason",
  // the file's cells by header index: the mapping screen's sample values
  "raw",
]

/** Rows of a run for the review table, by row number. */
export async function listRows(
  knex: Knex,
  runId: string,
  opts: { filter?: RowFilter; limit?: number; offset?: number } = {}
): Promise<{ rows: RowView[]; count: number }> {
  const filter = opts.filter ?? "all"
  const q = knex("import_row").where({ run_id: runId }).whereNull("deleted_at")
  if (filter === "excluded") q.andWhere("excluded", true)
  else if (filter === "duplicate") {
    q.whereIn(
      "email_key",
      knex("import_row").where({ run_id: runId }).whereNull("deleted_at").whereNotNull("duplicate_of").select("email_key")
    )
  } else if (filter === "failed") q.andWhere("result", "failed")
  else if (filter !== "all") q.andWhere({ action: filter, excluded: false })
  const [{ count }] = await q.clone().count({ count: "*" })
  const rows = await q
    .orderBy("row_number")
    .limit(opts.limit ?? 50)
    .offset(opts.offset ?? 0)
    .select(ROW_FIELDS)
  return { rows: rows as RowView[], count: Number(count) }
}

export class ImportInputError extends Error {
  constructor(message: string, readonly status = 400) {
    super(message)
  }
}

const IMPORTABLE_KEYS = new Set(IMPORT_COLUMNS.map((c) => c.key))

/**
 * An inline edit of one row in the review: new cell values and/or the
 * excluded flag. The row is re-validated at once; including a row that was
 * a duplicate makes it the group's chosen row (the others are excluded).
 */
export async function editRow(
  knex: Knex,
  runId: string,
  id: string,
  change: { values?: Record<string, string>; excluded?: boolean },
  ctx: ImportContext
): Promise<{ row: RowView; counts: ImportCounts }> {
  const row = await knex("import_row")
    .where({ run_id: runId, id })
    .whereNull("deleted_at")
    .first("id", "row_number", "values", "row_error", "email_key", "excluded", "duplicate_of")
  if (!row) throw new ImportInputError(`Row ${id} was not found in this import`, 404)
  const oldKey: string | null = row.email_key
  let newKey = oldKey
  if (change.values) {
    const unknown = Object.keys(change.values).filter((k) => !IMPORTABLE_KEYS.has(k))
    if (unknown.length) throw new ImportInputError(`Unknown column: ${unknown.join(", ")}`)
    const values = { ...(row.values as Record<string, string>), ...change.values }
    const [evaluated] = await evaluateRows(
      knex,
      [{ row_number: row.row_number, values, row_error: row.row_error }],
      ctx
    )
    await writeEvaluated(knex, runId, [evaluated], { edited: true })
    newKey = evaluated.email_key
  }
  if (change.excluded !== undefined) {
    if (change.excluded) {
      await knex("import_row")
        .where({ id })
        .update({ excluded: true, duplicate_of: null, updated_at: knex.fn.now() })
      if (row.duplicate_of === null && newKey) {
        // the chosen row of a duplicate group was excluded: the group is re-resolved
        await resolveDuplicates(knex, runId, [newKey])
      }
    } else if (row.duplicate_of !== null && newKey === oldKey && newKey) {
      // picks this row for its duplicate group
      await knex.raw(
        `update import_row set excluded = true, duplicate_of = ?, updated_at = now()
          where run_id = ? and deleted_at is null and email_key = ? and id <> ?
            and (duplicate_of is not null or not excluded)`,
        [row.row_number, runId, newKey, id]
      )
      await knex("import_row")
        .where({ id })
        .update({ excluded: false, duplicate_of: null, updated_at: knex.fn.now() })
    } else {
      await knex("import_row")
        .where({ id })
        .update({ excluded: false, duplicate_of: null, updated_at: knex.fn.now() })
      if (newKey) await resolveDuplicates(knex, runId, [newKey])
    }
  }
  if (newKey !== oldKey) {
    await resolveDuplicates(knex, runId, [oldKey, newKey].filter(Boolean) as string[])
  }
  const counts = await refreshCounts(knex, runId)
  await refreshNewLabels(knex, runId, ctx)
  const view = await knex("import_row").where({ id }).first(ROW_FIELDS)
  return { row: view as RowView, counts }
}
