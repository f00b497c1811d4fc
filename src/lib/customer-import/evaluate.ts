/**
 * Validation of staged rows against the store: matching with existing
 * customers, "unchanged" rows, duplicates in the file, counts, and
 * re-validation after a new mapping or new category choices.
 */
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { loadCustomerFileRows } from "../customer-io/customer-rows"
import { unreadableErrors } from "./unreadable"
import { refreshNewLabels } from "./labels"
import { tradeReviewErrors } from "./trade-sql"
import {
  mapCells,
  rowIsUnchanged,
  duplicateKey,
  type AccountKind,
  validateValues,
  type ImportContext,
  type ImportMapping,
  type NormalizedRow,
} from "./validate"
import type { ImportCounts, ImportRowAction } from "../../types/customer-import"

export const STAGE_CHUNK = 2000

export type StageProgress = { rows: number }

export type { ImportCounts } from "../../types/customer-import"

export type RowAction = ImportRowAction

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

  const customerIds = validated.map((r) => {
    const key = lookupKey(r.normalized)
    return key ? match.get(key) ?? null : null
  })
  // account codes and Active against the store (src/lib/customer-import/trade-sql.ts)
  const tradeErrors = await tradeReviewErrors(
    knex,
    validated.map((r, i) => ({ customer_id: customerIds[i], trade: r.normalized.data.trade }))
  )

  return validated.map((r, i) => {
    const n = r.normalized
    const customerId = customerIds[i]
    const errors = { ...tradeErrors.get(i), ...r.errors }
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

export async function writeEvaluated(
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
