import type { HouseAccountJSON, HouseEntryJSON } from "../../types/house-accounts"
import { ACCOUNT_SELECT, toAccount, toEntry } from "./rows"
import type { AccountFilters, EntryFilters, Manager } from "./types"

type Page = { limit: number; offset: number }

/** A page of accounts, newest first, with the total that matches the filters. */
export async function queryAccounts(
  m: Manager,
  filters: AccountFilters,
  page: Page
): Promise<{ accounts: HouseAccountJSON[]; count: number }> {
  const where: string[] = ["a.deleted_at is null"]
  const values: unknown[] = []
  if (filters.id?.length) {
    where.push(`a.id in (select jsonb_array_elements_text(?::jsonb))`)
    values.push(JSON.stringify(filters.id))
  }
  if (filters.status?.length) {
    where.push(`a.status in (select jsonb_array_elements_text(?::jsonb))`)
    values.push(JSON.stringify(filters.status))
  }
  if (filters.with_balance) where.push(`a.balance > 0`)
  if (filters.over_limit) where.push(`a.balance > a.credit_limit`)
  if (filters.customer_id) {
    where.push(
      `exists (select 1 from house_account_customer c where c.account_id = a.id and c.customer_id = ? and c.deleted_at is null)`
    )
    values.push(filters.customer_id)
  }
  if (filters.q) {
    where.push(`(a.account_number ilike ? escape '\\' or a.name ilike ? escape '\\')`)
    const like = `%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    values.push(like, like)
  }
  const sql = where.join(" and ")
  const rows = await m.execute(
    `select ${ACCOUNT_SELECT}, count(*) over () as total_count
       from house_account a where ${sql}
      order by a.created_at desc, a.id limit ? offset ?`,
    [...values, page.limit, page.offset]
  )
  let count = rows.length ? Number(rows[0].total_count) : 0
  if (!rows.length && page.offset > 0) {
    const [c] = await m.execute(`select count(*) as n from house_account a where ${sql}`, values)
    count = Number(c.n)
  }
  return { accounts: rows.map(toAccount), count }
}

/** A page of one account's entries, newest first, with their total. */
export async function queryEntries(
  m: Manager,
  account_id: string,
  filters: EntryFilters,
  page: Page
): Promise<{ entries: HouseEntryJSON[]; count: number }> {
  const where = ["account_id = ?", "deleted_at is null"]
  const values: unknown[] = [account_id]
  if (filters.kind?.length) {
    where.push(`kind in (select jsonb_array_elements_text(?::jsonb))`)
    values.push(JSON.stringify(filters.kind))
  }
  if (filters.from) {
    where.push(`created_at >= ?`)
    values.push(filters.from)
  }
  if (filters.to) {
    where.push(`created_at <= ?`)
    values.push(filters.to)
  }
  const sql = where.join(" and ")
  const [{ n }] = await m.execute(`select count(*) as n from house_account_entry where ${sql}`, values)
  const rows = await m.execute(
    `select * from house_account_entry where ${sql} order by created_at desc, id desc limit ? offset ?`,
    [...values, page.limit, page.offset]
  )
  return { entries: rows.map(toEntry), count: Number(n) }
}

/** Accounts whose balance differs from the sum of their entries (one account, or all). */
export async function auditBalances(
  m: Manager,
  account_id?: string
): Promise<{ account_id: string; balance: number; entries: number }[]> {
  const rows = await m.execute(
    `select a.id as account_id, a.balance, coalesce(sum(e.amount), 0) as entries
       from house_account a left join house_account_entry e on e.account_id = a.id
      where (?::text is null or a.id = ?)
      group by a.id having a.balance <> coalesce(sum(e.amount), 0)`,
    [account_id ?? null, account_id ?? null]
  )
  return rows.map((r) => ({ account_id: r.account_id, balance: Number(r.balance), entries: Number(r.entries) }))
}
