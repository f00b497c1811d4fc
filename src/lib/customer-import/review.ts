/**
 * The review's Duplicates tab, paginated by groups: a group is every row of
 * the run sharing one email key (the email and the kind of customer the rows
 * write, see `duplicateKey`), and a page holds whole groups, so the merchant
 * always sees all the rows he chooses between.
 */
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { ROW_FIELDS, type RowView } from "./pipeline"

export type DuplicateRowView = RowView & { group: string }

/**
 * Groups of rows sharing an email key where at least one row is a duplicate,
 * ordered by their first row; `limit` and `offset` count groups, `count` is
 * the number of groups. Rows come group by group, by row number.
 */
export async function listDuplicateGroups(
  knex: Knex,
  runId: string,
  opts: { limit?: number; offset?: number } = {}
): Promise<{ rows: DuplicateRowView[]; count: number; rows_count: number }> {
  const groups = `
    with k as (
      select distinct email_key from import_row
       where run_id = ? and deleted_at is null and duplicate_of is not null and email_key is not null
    )
    select r.email_key, min(r.row_number) as first_rn, count(*)::int as n
      from import_row r join k on k.email_key = r.email_key
     where r.run_id = ? and r.deleted_at is null
     group by r.email_key`
  const { rows: totals } = await knex.raw(
    `select count(*)::int as count, coalesce(sum(n), 0)::int as rows_count from (${groups}) g`,
    [runId, runId]
  )
  const { rows: page } = await knex.raw(
    `select email_key, first_rn from (${groups}) g order by first_rn, email_key limit ? offset ?`,
    [runId, runId, opts.limit ?? 20, opts.offset ?? 0]
  )
  const keys = (page as { email_key: string }[]).map((g) => g.email_key)
  const order = new Map(keys.map((k, i) => [k, i]))
  const rows = keys.length
    ? await knex("import_row")
        .where({ run_id: runId })
        .whereNull("deleted_at")
        .whereIn("email_key", keys)
        .orderBy("row_number")
        .select([...ROW_FIELDS, "email_key"])
    : []
  const out = (rows as (RowView & { email_key: string })[])
    .sort((a, b) => order.get(a.email_key)! - order.get(b.email_key)! || a.row_number - b.row_number)
    .map(({ email_key, ...r }) => ({ ...r, group: email_key }) as DuplicateRowView)
  return { rows: out, count: Number(totals[0].count), rows_count: Number(totals[0].rows_count) }
}
