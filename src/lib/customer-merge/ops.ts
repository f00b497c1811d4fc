import type { Knex } from "@medusajs/framework/mikro-orm/knex"

/**
 * The undo log of a merge: every change the merge made to a table, in order,
 * in a form that puts the rows back exactly.
 *
 * - `repoint`: `column` of these rows was `from` and became `to` (undo sets
 *   it back where it still holds `to`).
 * - `set`: the previous values of some columns of one row, as PostgreSQL's
 *   own JSON of the row (`to_jsonb`), so timestamps keep their microseconds
 *   and JSON columns their exact content.
 */
export type UndoOp =
  | { op: "repoint"; table: string; column: string; ids: string[]; from: string; to: string }
  | { op: "set"; table: string; id: string; before: Record<string, unknown> }

/** Ledger lines a merge wrote (points move as entries, never by editing lines). */
export type PointsTransfer = {
  secondary_id: string
  points: number
  debit_entry_id: string | null
  credit_entry_ids: string[]
}

export type UndoLog = {
  ops: UndoOp[]
  points: PointsTransfer[]
}

export const q = (ident: string) => `"${ident.replace(/"/g, '""')}"`

/** Repoints `column` from one customer to another; logs the ids. */
export async function repoint(
  trx: Knex.Transaction,
  log: UndoOp[],
  table: string,
  column: string,
  from: string,
  to: string,
  extraWhere = ""
): Promise<number> {
  const { rows } = await trx.raw(
    `update ${q(table)} set ${q(column)} = ? where ${q(column)} = ? ${extraWhere} returning id`,
    [to, from]
  )
  const ids = rows.map((r: { id: string }) => r.id)
  if (ids.length) log.push({ op: "repoint", table, column, ids, from, to })
  return ids.length
}

/** Repoints `column` of the given rows only. */
export async function repointIds(
  trx: Knex.Transaction,
  log: UndoOp[],
  table: string,
  column: string,
  ids: string[],
  from: string,
  to: string
): Promise<number> {
  if (!ids.length) return 0
  const { rows } = await trx.raw(
    `update ${q(table)} set ${q(column)} = ? where id = any(?) and ${q(column)} = ? returning id`,
    [to, ids, from]
  )
  const done = rows.map((r: { id: string }) => r.id)
  if (done.length) log.push({ op: "repoint", table, column, ids: done, from, to })
  return done.length
}

/**
 * Updates some columns of one row, logging their previous values. `values`
 * are SQL expressions keyed by column (`?` bindings in `bindings`).
 */
export async function setRow(
  trx: Knex.Transaction,
  log: UndoOp[],
  table: string,
  id: string,
  values: Record<string, unknown>
): Promise<void> {
  const cols = Object.keys(values)
  if (!cols.length) return
  const { rows } = await trx.raw(
    `select to_jsonb(t.*) as row from ${q(table)} t where id = ? for update`,
    [id]
  )
  if (!rows.length) return
  const row = rows[0].row as Record<string, unknown>
  const before = Object.fromEntries(cols.map((c) => [c, row[c] ?? null]))
  log.push({ op: "set", table, id, before })
  await trx.raw(
    `update ${q(table)} set ${cols.map((c) => `${q(c)} = ?`).join(", ")} where id = ?`,
    [...cols.map((c) => values[c] as any), id]
  )
}

/** Soft-deletes rows (deleted_at = now), logging each row's previous deleted_at. */
export async function softDelete(
  trx: Knex.Transaction,
  log: UndoOp[],
  table: string,
  ids: string[]
): Promise<number> {
  for (const id of ids) await setRow(trx, log, table, id, { deleted_at: new Date() })
  return ids.length
}

export type UndoOutcome = {
  /** Rows that no longer held the merged value and were left as they are now. */
  skipped: { table: string; column?: string; ids: string[] }[]
}

/** Applies the log backwards. */
export async function undoOps(trx: Knex.Transaction, ops: UndoOp[]): Promise<UndoOutcome> {
  const skipped: UndoOutcome["skipped"] = []
  for (const op of [...ops].reverse()) {
    if (op.op === "repoint") {
      const { rows } = await trx.raw(
        `update ${q(op.table)} set ${q(op.column)} = ? where id = any(?) and ${q(op.column)} = ? returning id`,
        [op.from, op.ids, op.to]
      )
      if (rows.length !== op.ids.length) {
        const back = new Set(rows.map((r: { id: string }) => r.id))
        skipped.push({ table: op.table, column: op.column, ids: op.ids.filter((i) => !back.has(i)) })
      }
    } else {
      const cols = Object.keys(op.before)
      await trx.raw(
        `update ${q(op.table)} t set ${cols.map((c) => `${q(c)} = r.${q(c)}`).join(", ")}
           from jsonb_populate_record(null::${q(op.table)}, ?::jsonb) r where t.id = ?`,
        [JSON.stringify(op.before), op.id]
      )
    }
  }
  return { skipped }
}

/** Whether a table exists (optional modules' tables may be missing). */
export async function tableExists(trx: Knex | Knex.Transaction, table: string): Promise<boolean> {
  const { rows } = await trx.raw(`select to_regclass(?) as t`, [`public.${q(table)}`])
  return !!rows[0]?.t
}
