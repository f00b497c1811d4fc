/**
 * The trade account in the import's SQL: the review's checks against the
 * store (account codes, pending applicants), the batch's columns, checks and
 * write (one statement for the batch), and the undo's restore. The terms are
 * then put into effect per customer by the trade-terms workflow
 * (src/workflows/customer-import/trade-terms.ts), for the rows marked
 * `terms_pending` here.
 */
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { bulkEntityId } from "./ids"
import type { TradeImport } from "./trade"

const PENDING_MESSAGE = "This customer's trade application is pending — approve or reject it in Trade applications"

/**
 * Checks of trade cells against the store, for rows matched (or not) with a
 * customer: an account code another customer has, or that an earlier row of
 * the same rows gives another customer; Active = yes for a customer whose
 * application is pending (the Account card refuses it too). Errors by index.
 */
export async function tradeReviewErrors(
  knex: Knex,
  rows: { customer_id: string | null; trade?: TradeImport }[]
): Promise<Map<number, Record<string, string>>> {
  const out = new Map<number, Record<string, string>>()
  const codes = [...new Set(rows.map((r) => r.trade?.account_code).filter(Boolean))] as string[]
  const activating = [
    ...new Set(rows.filter((r) => r.trade?.active === true && r.customer_id).map((r) => r.customer_id!)),
  ]
  if (!codes.length && !activating.length) return out
  const [owners, pending] = await Promise.all([
    codes.length
      ? knex("trade_account as t")
          .leftJoin("customer as c", "c.id", "t.customer_id")
          .whereNull("t.deleted_at")
          .whereIn("t.account_code", codes)
          .select("t.account_code", "t.customer_id", "c.email")
      : Promise.resolve([] as { account_code: string; customer_id: string; email: string | null }[]),
    activating.length
      ? knex("trade_application")
          .whereNull("deleted_at")
          .where({ status: "pending" })
          .whereIn("customer_id", activating)
          .select("customer_id")
      : Promise.resolve([] as { customer_id: string }[]),
  ])
  type Owner = { account_code: string; customer_id: string; email: string | null }
  const owner = new Map((owners as Owner[]).map((o) => [o.account_code, o] as const))
  const pendingIds = new Set((pending as { customer_id: string }[]).map((p) => p.customer_id))
  // the customer a code goes to: the matched one, or the new customer of that row
  const firstRow = new Map<string, string>()
  rows.forEach((r, i) => {
    const errors: Record<string, string> = {}
    const code = r.trade?.account_code
    if (code) {
      const o = owner.get(code)
      const who = r.customer_id ?? `new row ${i}`
      if (o && o.customer_id !== r.customer_id) {
        errors.account_code = `${code} is already the account code of another customer${o.email ? ` (${o.email})` : ""}`
      } else if (firstRow.has(code) && firstRow.get(code) !== who) {
        errors.account_code = `${code} is given to another customer by an earlier row of the file`
      }
      if (!firstRow.has(code)) firstRow.set(code, who)
    }
    if (r.trade?.active === true && r.customer_id && pendingIds.has(r.customer_id)) errors.active = PENDING_MESSAGE
    if (Object.keys(errors).length) out.set(i, errors)
  })
  return out
}

/** The batch table's trade columns (appended to the batch's columns). */
export const TRADE_BATCH_COLUMNS = `has_trade boolean, trade_id text, t_account_type text, t_account_code text,
  t_company_name text, t_company_number text, t_vat_number text, t_free_delivery boolean, t_discount_bp int,
  t_price_list_id text, t_active boolean`

/** A batch row's trade values (null: the cell was empty, the account keeps its value). */
export function tradeBatchValues(t: TradeImport | undefined): Record<string, unknown> {
  const has = !!t && Object.keys(t).length > 0
  return {
    has_trade: has,
    trade_id: has ? bulkEntityId("tacc") : null,
    t_account_type: t?.account_type ?? null,
    t_account_code: t?.account_code ?? null,
    t_company_name: t?.company_name ?? null,
    t_company_number: t?.company_number ?? null,
    t_vat_number: t?.vat_number ?? null,
    t_free_delivery: t?.free_delivery ?? null,
    t_discount_bp: t?.discount_bp ?? null,
    t_price_list_id: t?.price_list_id ?? null,
    t_active: t?.active ?? null,
  }
}

/**
 * Rows of the batch that cannot be written as they are now (changed since
 * the review): an account code another customer took, or that two rows of
 * the batch give; Active = yes for a customer that has applied meanwhile;
 * a price list deleted since (checked in memory before, kept here for a
 * deletion during the batch).
 */
export async function tradeClashes(trx: Knex.Transaction): Promise<{ row_id: string; reason: string }[]> {
  const { rows } = await trx.raw(
    `with w as (
       select row_id, customer_id, t_account_code, t_active,
              case when t_account_code is null then 1
                   else row_number() over (partition by t_account_code order by row_number) end as nth_code
         from cbo_import_batch where has_trade
     )
     select w.row_id,
            case when w.nth_code > 1 or exists (
                   select 1 from trade_account t where t.deleted_at is null
                      and t.account_code = w.t_account_code and t.customer_id <> w.customer_id)
                 then 'account_code: ' || w.t_account_code || ' is already the account code of another customer'
                 else 'active: ' || ? end as reason
       from w
      where w.nth_code > 1
         or (w.t_account_code is not null and exists (
              select 1 from trade_account t where t.deleted_at is null
                 and t.account_code = w.t_account_code and t.customer_id <> w.customer_id))
         or (w.t_active and exists (
              select 1 from trade_application a where a.deleted_at is null
                 and a.status = 'pending' and a.customer_id = w.customer_id))`,
    [PENDING_MESSAGE]
  )
  return rows
}

/** The before-image's trade part: the account as it was, and whether the row writes it. */
export const TRADE_BEFORE_IMAGE = `'trade', (select to_jsonb(t) from trade_account t
                       where t.customer_id = r.customer_id and t.deleted_at is null),
          'trade_written', b.has_trade`

const TERM_COLUMNS = ["account_type", "discount_bp", "free_delivery", "price_list_id"]

/**
 * Writes the batch's trade accounts (empty cells keep the current value; a
 * new account starts Retail, active, without terms) and marks the rows
 * whose terms changed `terms_pending`. Returns the customers the batch
 * deactivated (for customer_backoffice.trade.deactivated).
 */
export async function writeTradeAccounts(trx: Knex.Transaction): Promise<string[]> {
  const cols = ["account_type", "account_code", "company_name", "company_number", "vat_number", "free_delivery", "discount_bp", "price_list_id", "active"]
  const { rows } = await trx.raw(
    `with old as (
       select t.customer_id, ${TERM_COLUMNS.map((c) => `t.${c}`).join(", ")}, t.active
         from trade_account t join cbo_import_batch b on b.customer_id = t.customer_id
        where b.has_trade and t.deleted_at is null
     ), upd as (
       update trade_account t set
          ${cols.map((c) => `${c} = coalesce(b.t_${c}, t.${c}),`).join("\n          ")}
          updated_at = now()
         from cbo_import_batch b
        where b.has_trade and t.customer_id = b.customer_id and t.deleted_at is null
       returning t.customer_id, ${TERM_COLUMNS.map((c) => `t.${c}`).join(", ")}, t.active
     ), ins as (
       insert into trade_account (id, customer_id, ${cols.join(", ")}, created_at, updated_at)
       select b.trade_id, b.customer_id, coalesce(b.t_account_type, 'retail'), b.t_account_code, b.t_company_name,
              b.t_company_number, b.t_vat_number, coalesce(b.t_free_delivery, false), coalesce(b.t_discount_bp, 0),
              b.t_price_list_id, coalesce(b.t_active, true), now(), now()
         from cbo_import_batch b
        where b.has_trade and not exists (select 1 from old o where o.customer_id = b.customer_id)
       returning customer_id, ${TERM_COLUMNS.join(", ")}, active
     ), n as (select * from upd union all select * from ins)
     select n.customer_id,
            case when o.customer_id is null then n.account_type = 'trade'
                 else (${TERM_COLUMNS.map((c) => `o.${c}`).join(", ")}) is distinct from (${TERM_COLUMNS.map((c) => `n.${c}`).join(", ")}) end
              as terms_changed,
            not n.active and coalesce(o.active, true) as deactivated
       from n left join old o on o.customer_id = n.customer_id`
  )
  const changed = (rows as { customer_id: string; terms_changed: boolean }[]).filter((r) => r.terms_changed)
  if (changed.length) {
    await trx.raw(
      `update import_row r set terms_pending = true
         from cbo_import_batch b where r.id = b.row_id and b.customer_id = any(?)`,
      [changed.map((r) => r.customer_id)]
    )
  }
  return (rows as { customer_id: string; deactivated: boolean }[]).filter((r) => r.deactivated).map((r) => r.customer_id)
}

/**
 * Undo (inside undoRows' transaction, on its `cbo_import_undo` table): the
 * accounts the rows wrote get their before-images back, accounts the import
 * created are removed (with created customers). Returns the updated
 * customers whose terms must be put back into effect.
 */
export async function undoTradeAccounts(trx: Knex.Transaction): Promise<string[]> {
  const written = `coalesce((u.before_image->>'trade_written')::boolean, false)`
  await trx.raw(
    `update trade_account t set deleted_at = now(), updated_at = now()
       from cbo_import_undo u
      where t.customer_id = u.customer_id and t.deleted_at is null
        and (u.result = 'created'
             or (u.result = 'updated' and ${written} and jsonb_typeof(u.before_image->'trade') = 'null'))`
  )
  await trx.raw(
    `update trade_account t set
        account_type = b->>'account_type', account_code = b->>'account_code', company_name = b->>'company_name',
        company_number = b->>'company_number', vat_number = b->>'vat_number',
        free_delivery = (b->>'free_delivery')::boolean, discount_bp = (b->>'discount_bp')::int,
        price_list_id = b->>'price_list_id', active = (b->>'active')::boolean, updated_at = now()
       from (select u.before_image->'trade' as b from cbo_import_undo u
              where u.result = 'updated' and ${written} and jsonb_typeof(u.before_image->'trade') = 'object') x
      where t.id = x.b->>'id'`
  )
  const { rows } = await trx.raw(
    `select u.customer_id from cbo_import_undo u where u.result = 'updated' and ${written}`
  )
  return (rows as { customer_id: string }[]).map((r) => r.customer_id)
}

/** The undo's "changed since the import" test for the trade account. */
export const TRADE_CHANGED_SINCE = `exists (select 1 from trade_account t where t.customer_id = r.customer_id
                           and t.deleted_at is null and t.updated_at > r.written_at)`
