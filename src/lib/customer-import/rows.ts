/** The review's rows: listing with filters, and edits of a row's values. */
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { IMPORT_COLUMNS } from "../customer-io/columns"
import { refreshNewLabels } from "./labels"
import type { RowFilter } from "../../types/customer-import"
import { type ImportContext } from "./validate"
import {
  evaluateRows,
  refreshCounts,
  resolveDuplicates,
  writeEvaluated,
  type ImportCounts,
  type RowAction,
} from "./evaluate"

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

export { ROW_FILTERS, type RowFilter } from "../../types/customer-import"

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
