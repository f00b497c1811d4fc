import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import {
  CUSTOMER_DATA_TABLES,
  customerIdColumns,
  tablesFor,
  type CustomerDataTable,
} from "../customer-data"
import { tableOf } from "../customer-data/links"
import CustomerSnapshot from "../../modules/customer-timeline/models/customer-snapshot"
import { q, repoint, repointIds, setRow, softDelete, tableExists, type UndoOp } from "./ops"
import {
  CUSTOMER_FIELDS,
  PROFILE_FIELDS,
  type MergeFieldChoices,
} from "../../types/customer-merge"

/** What a handler works with: one secondary merged into the primary, in one transaction. */
export type MergeCtx = {
  trx: Knex.Transaction
  primary: string
  secondary: string
  /** field → the customer whose value is kept (default: the primary's, or the one that has a value). */
  fields: MergeFieldChoices
  merge_id: string
  log: UndoOp[]
}

export type PreviewCtx = { db: Knex | Knex.Transaction; primary: string; secondary: string }

/**
 * How a merge handles one registry table: `apply` changes the rows (logging
 * each change) and answers how many rows it moved or combined; `preview`
 * counts what `apply` would do. `ledger` tables move by ledger entries in a
 * step of their own (the points module's credit/debit), not here.
 */
export type MergeHandler = {
  table: string
  does: string
  preview(ctx: PreviewCtx): Promise<number>
  apply?(ctx: MergeCtx): Promise<number>
  ledger?: true
}

const count = async (db: PreviewCtx["db"], sql: string, bindings: any[]) =>
  Number((await db.raw(`select count(*)::int as n from (${sql}) x`, bindings)).rows[0]?.n ?? 0)

/** "move": every column holding a customer id is repointed to the primary. */
function moveHandler(t: CustomerDataTable): MergeHandler | null {
  const columns = customerIdColumns(t.table)
  if (!columns.length) return null
  return {
    table: t.table,
    does: `repoints ${columns.join(", ")} to the primary`,
    preview: async ({ db, secondary }) => {
      if (!(await tableExists(db, t.table))) return 0
      return await count(
        db,
        `select id from ${q(t.table)} where ${columns.map((c) => `${q(c)} = ?`).join(" or ")}`,
        columns.map(() => secondary)
      )
    },
    apply: async ({ trx, log, primary, secondary }) => {
      if (!(await tableExists(trx, t.table))) return 0
      let n = 0
      for (const c of columns) n += await repoint(trx, log, t.table, c, secondary, primary)
      return n
    },
  }
}

/** Nothing to change: the primary keeps its own row, the secondary's stays with the (soft-deleted) secondary. */
const keepPrimary = (table: string, does: string): MergeHandler => ({
  table,
  does,
  preview: async () => 0,
  apply: async () => 0,
})

/**
 * One row per (customer, key): the secondary's rows whose key the primary
 * lacks are repointed, the others soft-deleted (the primary's row stays).
 */
function unionHandler(table: string, key: string, does: string): MergeHandler {
  const mine = (db: PreviewCtx["db"], primary: string, secondary: string) =>
    db.raw(
      `select s.id, exists (select 1 from ${q(table)} p where p.customer_id = ? and p.${q(key)} = s.${q(key)}
                              and p.deleted_at is null) as dup
         from ${q(table)} s where s.customer_id = ? and s.deleted_at is null`,
      [primary, secondary]
    )
  return {
    table,
    does,
    preview: async ({ db, primary, secondary }) => {
      if (!(await tableExists(db, table))) return 0
      return (await mine(db, primary, secondary)).rows.filter((r: { dup: boolean }) => !r.dup).length
    },
    apply: async ({ trx, log, primary, secondary }) => {
      if (!(await tableExists(trx, table))) return 0
      const rows: { id: string; dup: boolean }[] = (await mine(trx, primary, secondary)).rows
      await softDelete(trx, log, table, rows.filter((r) => r.dup).map((r) => r.id))
      return await repointIds(trx, log, table, "customer_id", rows.filter((r) => !r.dup).map((r) => r.id), secondary, primary)
    },
  }
}

const ADDRESS_KEY = [
  "first_name", "last_name", "company", "address_1", "address_2", "city", "province", "postal_code", "country_code", "phone",
]
const addrNorm = (alias: string) =>
  ADDRESS_KEY.map((c) => `lower(regexp_replace(coalesce(${alias}.${c}, ''), '\\s+', '', 'g'))`).join(" || '|' || ")

/** Addresses move, except those the primary already has (same fields, spacing and case aside): those are soft-deleted. */
const addresses: MergeHandler = (() => {
  const rows = (db: PreviewCtx["db"], primary: string, secondary: string) =>
    db.raw(
      `select s.id, exists (select 1 from customer_address p where p.customer_id = ? and p.deleted_at is null
                             and ${addrNorm("p")} = ${addrNorm("s")}) as dup
         from customer_address s where s.customer_id = ? and s.deleted_at is null`,
      [primary, secondary]
    )
  return {
    table: "customer_address",
    does: "moves the addresses, except those the primary already has (deduplicated)",
    preview: async ({ db, primary, secondary }) =>
      (await rows(db, primary, secondary)).rows.filter((r: { dup: boolean }) => !r.dup).length,
    apply: async ({ trx, log, primary, secondary }) => {
      const list: { id: string; dup: boolean }[] = (await rows(trx, primary, secondary)).rows
      await softDelete(trx, log, "customer_address", list.filter((r) => r.dup).map((r) => r.id))
      // the secondary's default flags do not override the primary's
      const moving = list.filter((r) => !r.dup).map((r) => r.id)
      for (const id of moving) {
        await setRow(trx, log, "customer_address", id, { is_default_shipping: false, is_default_billing: false })
      }
      return await repointIds(trx, log, "customer_address", "customer_id", moving, secondary, primary)
    },
  }
})()

/** Fills the primary's empty columns from the secondary and applies the field choices. */
async function fillRow(
  ctx: MergeCtx,
  table: string,
  columns: readonly string[],
  primaryRow: Record<string, unknown>,
  secondaryRow: Record<string, unknown>
): Promise<number> {
  const values: Record<string, unknown> = {}
  for (const c of columns) {
    const p = primaryRow[c]
    const s = secondaryRow[c]
    if (s === null || s === undefined || s === "") continue
    const takeSecondary = p === null || p === undefined || p === "" || ctx.fields[c] === ctx.secondary
    if (takeSecondary && p !== s) values[c] = s
  }
  await setRow(ctx.trx, ctx.log, table, primaryRow.id as string, values)
  return Object.keys(values).length ? 1 : 0
}

const rowOf = async (db: PreviewCtx["db"], table: string, customerId: string) =>
  (await db.raw(`select * from ${q(table)} where customer_id = ? and deleted_at is null limit 1`, [customerId]))
    .rows[0] as Record<string, unknown> | undefined

/** One row per customer: the primary's is filled from the secondary's, or the secondary's moves when the primary has none. */
function oneRowHandler(
  table: string,
  does: string,
  combine: (ctx: MergeCtx, p: Record<string, unknown>, s: Record<string, unknown>) => Promise<number>
): MergeHandler {
  return {
    table,
    does,
    preview: async ({ db, secondary }) => ((await rowOf(db, table, secondary)) ? 1 : 0),
    apply: async (ctx) => {
      const s = await rowOf(ctx.trx, table, ctx.secondary)
      if (!s) return 0
      const p = await rowOf(ctx.trx, table, ctx.primary)
      if (!p) return await repointIds(ctx.trx, ctx.log, table, "customer_id", [s.id as string], ctx.secondary, ctx.primary)
      return await combine(ctx, p, s)
    },
  }
}

const budgetUsage: MergeHandler = {
  table: "promotion_campaign_budget_usage",
  does: "adds the secondary's uses of a per-customer promotion budget to the primary's",
  preview: async ({ db, secondary }) =>
    (await tableExists(db, "promotion_campaign_budget_usage"))
      ? await count(db, `select id from promotion_campaign_budget_usage where attribute_value = ? and deleted_at is null`, [secondary])
      : 0,
  apply: async ({ trx, log, primary, secondary }) => {
    if (!(await tableExists(trx, "promotion_campaign_budget_usage"))) return 0
    const { rows } = await trx.raw(
      `select s.id, s.used::text as used, p.id as primary_row, p.used::text as primary_used
         from promotion_campaign_budget_usage s
         left join promotion_campaign_budget_usage p
           on p.budget_id = s.budget_id and p.attribute_value = ? and p.deleted_at is null
        where s.attribute_value = ? and s.deleted_at is null`,
      [primary, secondary]
    )
    for (const r of rows) {
      if (!r.primary_row) {
        await repointIds(trx, log, "promotion_campaign_budget_usage", "attribute_value", [r.id], secondary, primary)
        continue
      }
      const sum = (BigInt(r.used.split(".")[0]) + BigInt(r.primary_used.split(".")[0])).toString()
      await setRow(trx, log, "promotion_campaign_budget_usage", r.primary_row, {
        used: sum,
        raw_used: JSON.stringify({ value: sum, precision: 20 }),
      })
      await softDelete(trx, log, "promotion_campaign_budget_usage", [r.id])
    }
    return rows.length
  },
}

const STORE_LINK = CUSTOMER_DATA_TABLES.find((t) => t.owner === "link" && t.table.includes("sales_channel"))!.table

/** Handlers of the tables whose merge rule is not a plain "move", by table. */
const SPECIAL: MergeHandler[] = [
  addresses,
  unionHandler("customer_group_customer", "customer_group_id", "joins the primary to the secondary's categories (union)"),
  unionHandler(STORE_LINK, "sales_channel_id", "assigns the primary to the secondary's stores (union)"),
  unionHandler("house_account_customer", "account_id", "assigns the primary to the secondary's house accounts"),
  oneRowHandler("customer_profile", "fills the primary's empty profile fields (and the chosen ones) from the secondary", (ctx, p, s) =>
    fillRow(ctx, "customer_profile", PROFILE_FIELDS, p, s)
  ),
  oneRowHandler("customer_consent", "most restrictive wins: opted out if either customer opted out", async (ctx, p, s) => {
    if (s.marketing_opt_out && !p.marketing_opt_out) {
      await setRow(ctx.trx, ctx.log, "customer_consent", p.id as string, { marketing_opt_out: true })
    }
    return 1
  }),
  {
    ...unionHandler("mailing_subscription", "customer_group_id", "takes the secondary's subscriptions; an unsubscribe on either side wins"),
    apply: async (ctx) => {
      const { trx, log, primary, secondary } = ctx
      const { rows } = await trx.raw(
        `select p.id from mailing_subscription p join mailing_subscription s
             on s.customer_group_id = p.customer_group_id and s.customer_id = ? and s.deleted_at is null
          where p.customer_id = ? and p.deleted_at is null and s.status = 'unsubscribed' and p.status <> 'unsubscribed'`,
        [secondary, primary]
      )
      for (const r of rows) {
        await setRow(trx, log, "mailing_subscription", r.id, { status: "unsubscribed", unsubscribed_at: new Date() })
      }
      return await unionHandler("mailing_subscription", "customer_group_id", "").apply!(ctx)
    },
  },
  budgetUsage,
  {
    table: "points_account",
    does: "moves the balance by ledger entries: a debit on the secondary, credits on the primary keeping each lot's expiry",
    ledger: true,
    preview: async ({ db, secondary }) =>
      Number(
        (
          await db.raw(
            `select coalesce(sum(remaining), 0)::int as n from points_lot
              where customer_id = ? and remaining > 0 and expires_at > now() and deleted_at is null`,
            [secondary]
          )
        ).rows[0].n
      ),
  },
  oneRowHandler("trade_account", "the primary keeps its account type and terms (or takes the secondary's when it has none, or by choice)", async (ctx, p, s) => {
    if (ctx.fields.account_type !== ctx.secondary) return 0
    // swap: the chosen account goes to the primary, the primary's to the secondary (a free id in between for the unique index)
    const tmp = `merge:${ctx.merge_id}`
    await repointIds(ctx.trx, ctx.log, "trade_account", "customer_id", [p.id as string], ctx.primary, tmp)
    await repointIds(ctx.trx, ctx.log, "trade_account", "customer_id", [s.id as string], ctx.secondary, ctx.primary)
    await repointIds(ctx.trx, ctx.log, "trade_account", "customer_id", [p.id as string], tmp, ctx.secondary)
    return 1
  }),
  keepPrimary(tableOf(CustomerSnapshot), "the primary keeps its last-seen values"),
  keepPrimary("customer_removal", "the secondary's removal record stays with it"),
  keepPrimary("customer_sales", "list columns are recomputed from the orders (next order event or the nightly reconcile)"),
  // auth_identity and customer: see ./customer.ts (run last)
]

export const SPECIAL_HANDLERS = new Map(SPECIAL.map((h) => [h.table, h]))

/** The handler of a registry table (a plain "move" gets the generic one). */
export function handlerFor(t: CustomerDataTable, extra: Map<string, MergeHandler> = new Map()): MergeHandler | null {
  return extra.get(t.table) ?? SPECIAL_HANDLERS.get(t.table) ?? (t.merge === "move" ? moveHandler(t) : null)
}

/** Registry tables whose merge rule needs a handler and has none (a test keeps this empty). */
export function unhandledTables(
  extra: Map<string, MergeHandler>,
  tables: readonly CustomerDataTable[] = CUSTOMER_DATA_TABLES
): string[] {
  return tablesFor("merge", undefined, tables)
    .filter((t) => !handlerFor(t, extra))
    .map((t) => t.table)
}

export { CUSTOMER_FIELDS }
