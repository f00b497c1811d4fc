import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { HouseAccountJSON, HouseEntryKind } from "../../types/house-accounts"
import type { HouseStatementFigures, HouseStatementLine } from "../../types/house-account-statements"

/** Entries read per query while a statement is written (memory stays flat whatever the account's size). */
export const STATEMENT_PAGE = 2_000

/**
 * A statement's period: `start` and `end` inclusive. An end in the future is
 * brought back to now, so a statement never promises entries not yet written.
 */
export function statementPeriod(from: Date, to: Date, now = new Date()): { start: Date; end: Date } {
  const end = to.getTime() > now.getTime() ? now : to
  return { start: from, end }
}

/** The previous calendar month (UTC) of `at`: the monthly job's period. */
export function previousMonth(at: Date): { start: Date; end: Date; label: string } {
  const start = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() - 1, 1))
  const end = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1) - 1)
  return { start, end, label: start.toISOString().slice(0, 7) }
}

/** The calendar month "YYYY-MM" (UTC). */
export function monthPeriod(label: string): { start: Date; end: Date; label: string } {
  const [y, m] = label.split("-").map(Number)
  const start = new Date(Date.UTC(y, m - 1, 1))
  const end = new Date(Date.UTC(y, m, 1) - 1)
  return { start, end, label }
}

/**
 * Runs `fn` in one REPEATABLE READ, read-only transaction: the figures and
 * the lines of a statement come from the same snapshot of the ledger.
 */
export async function inStatementSnapshot<T>(knex: Knex, fn: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  return await knex.transaction(async (trx) => fn(trx), { isolationLevel: "repeatable read", readOnly: true })
}

/**
 * Opening balance (Σ entries before the start), the period's charges,
 * credits (payments and refunds), adjustments, closing balance and amount
 * due, in one query over the ledger.
 */
export async function statementFigures(
  db: Knex | Knex.Transaction,
  account: Pick<HouseAccountJSON, "id" | "currency_code">,
  start: Date,
  end: Date
): Promise<HouseStatementFigures> {
  const [r] = await db
    .from("house_account_entry")
    .where("account_id", account.id)
    .whereNull("deleted_at")
    .where("created_at", "<=", end)
    .select(
      db.raw(`coalesce(sum(amount) filter (where created_at < ?), 0)::text as opening`, [start]),
      db.raw(`coalesce(sum(amount) filter (where created_at >= ? and kind = 'charge'), 0)::text as charges`, [start]),
      db.raw(`coalesce(-sum(amount) filter (where created_at >= ? and kind in ('payment', 'refund')), 0)::text as credits`, [
        start,
      ]),
      db.raw(`coalesce(sum(amount) filter (where created_at >= ? and kind = 'adjustment'), 0)::text as adjustments`, [
        start,
      ]),
      db.raw(`count(*) filter (where created_at >= ?)::int as entry_count`, [start])
    )
  const opening_balance = Number(r.opening)
  const charges = Number(r.charges)
  const credits = Number(r.credits)
  const adjustments = Number(r.adjustments)
  const closing_balance = opening_balance + charges - credits + adjustments
  return {
    currency_code: account.currency_code,
    period_start: start.toISOString(),
    period_end: end.toISOString(),
    opening_balance,
    charges,
    credits,
    adjustments,
    closing_balance,
    amount_due: Math.max(0, closing_balance),
    entry_count: Number(r.entry_count),
  }
}

/** What a statement line says about an entry. */
export function describeEntry(e: {
  kind: HouseEntryKind
  method: string | null
  reference: string | null
  reason: string | null
  source_type: string | null
  source_id: string | null
}): string {
  const order = e.source_type === "order" && e.source_id ? ` ${e.source_id}` : ""
  switch (e.kind) {
    case "charge":
      return order ? `Order${order}` : "Charge"
    case "refund":
      return order ? `Refund, order${order}` : "Refund"
    case "payment":
      return `Payment${e.method ? ` (${e.method.replace(/_/g, " ")})` : ""}`
    case "adjustment":
      return `Adjustment${e.reason ? `: ${e.reason}` : ""}`
  }
}

/**
 * The period's entries, oldest first, page by page (keyset on created_at, id):
 * a statement of 100,000 entries never holds more than one page.
 */
export async function* statementLines(
  db: Knex | Knex.Transaction,
  accountId: string,
  start: Date,
  end: Date,
  pageSize = STATEMENT_PAGE
): AsyncGenerator<HouseStatementLine[]> {
  let after: { created_at: Date; id: string } | null = null
  for (;;) {
    const qb = db
      .from("house_account_entry")
      .where("account_id", accountId)
      .whereNull("deleted_at")
      .where("created_at", ">=", start)
      .where("created_at", "<=", end)
      .select("id", "kind", "amount", "balance_after", "method", "reference", "reason", "source_type", "source_id", "created_at")
      .orderBy([{ column: "created_at" }, { column: "id" }])
      .limit(pageSize)
    if (after) qb.whereRaw("(created_at, id) > (?, ?)", [after.created_at, after.id])
    const rows: Record<string, any>[] = await qb
    if (!rows.length) return
    yield rows.map((r) => ({
      id: r.id,
      date: new Date(r.created_at).toISOString(),
      kind: r.kind,
      description: describeEntry(r as any),
      reference: r.reference ?? null,
      source_id: r.source_type === "order" ? r.source_id : null,
      amount: Number(r.amount),
      balance_after: Number(r.balance_after),
    }))
    if (rows.length < pageSize) return
    const last = rows[rows.length - 1]
    after = { created_at: last.created_at, id: last.id }
  }
}
