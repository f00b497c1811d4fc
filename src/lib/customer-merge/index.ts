import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { CUSTOMER_DATA_TABLES, tablesFor } from "../customer-data"
import { placeholderEmail } from "../gdpr/erase"
import { FORGET_JOB } from "../../types/gdpr"
import {
  CUSTOMER_FIELDS,
  MERGE_MAX_SECONDARIES,
  PROFILE_FIELDS,
  type MergeConflict,
  type MergeFieldChoices,
  type MergePreview,
  type MergeSecondaryPreview,
} from "../../types/customer-merge"
import { customerHandler, loginHandler, loginOutcome } from "./customer"
import { handlerFor, unhandledTables, type MergeHandler } from "./handlers"
import { type UndoOp } from "./ops"

export * from "./ops"
export { unhandledTables } from "./handlers"

/** The customer and login handlers, run after every other table (in this order). */
export const LAST_HANDLERS = new Map<string, MergeHandler>([
  ["customer", customerHandler],
  ["auth_identity", loginHandler],
])

/** Every handler, in the order a merge runs them. */
export function mergeHandlers(): MergeHandler[] {
  const missing = unhandledTables(LAST_HANDLERS)
  if (missing.length) throw new Error(`No merge handler for ${missing.join(", ")}`)
  const all = tablesFor("merge").map((t) => handlerFor(t, LAST_HANDLERS)!)
  const rest = all.filter((h) => !LAST_HANDLERS.has(h.table))
  return [...rest, ...LAST_HANDLERS.values()]
}

/** Why a merge is refused: 400 for bad input, 404 for an unknown primary, 409 for a state that blocks it. */
export class MergeRefused extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    message: string,
    readonly reasons: { customer_id?: string; code: string; message: string }[] = []
  ) {
    super(message)
  }
}

type Db = Knex | Knex.Transaction

/**
 * Checks a merge before anything is written: the primary exists and is not
 * deleted; the secondaries are 1–MERGE_MAX_SECONDARIES distinct live
 * customers other than the primary; none has an order with an open change
 * (edit, return, claim, exchange, transfer) or is assigned to a closed house
 * account, and neither side is forgotten or being forgotten (GDPR). Throws
 * MergeRefused.
 */
export async function checkMergeable(db: Db, primary: string, secondaryIds: string[]): Promise<void> {
  if (!secondaryIds.length) throw new MergeRefused(400, "secondary_ids: name at least one customer to merge")
  if (secondaryIds.length > MERGE_MAX_SECONDARIES) {
    throw new MergeRefused(400, `secondary_ids: at most ${MERGE_MAX_SECONDARIES} customers can be merged at once`)
  }
  if (new Set(secondaryIds).size !== secondaryIds.length) {
    throw new MergeRefused(400, "secondary_ids: a customer is named twice")
  }
  if (secondaryIds.includes(primary)) {
    throw new MergeRefused(400, "secondary_ids: a customer cannot be merged into itself")
  }
  const { rows } = await db.raw(
    `select id, deleted_at, metadata->>'merged_into' as merged_into from customer where id = any(?)`,
    [[primary, ...secondaryIds]]
  )
  const byId = new Map(rows.map((r: any) => [r.id, r]))
  const p: any = byId.get(primary)
  if (!p || p.deleted_at) throw new MergeRefused(404, `Customer ${primary} was not found`)
  const unknown = secondaryIds.filter((id) => !byId.has(id))
  if (unknown.length) {
    throw new MergeRefused(400, `secondary_ids: unknown customer ${unknown.join(", ")}`)
  }
  const reasons: MergeRefused["reasons"] = []
  for (const id of secondaryIds) {
    const r: any = byId.get(id)
    if (r.deleted_at) {
      reasons.push({
        customer_id: id,
        code: r.merged_into ? "already_merged" : "deleted",
        message: r.merged_into
          ? `Customer ${id} was already merged into ${r.merged_into}`
          : `Customer ${id} is deleted (restore it first)`,
      })
    }
  }
  // A forgotten customer (or one whose forget job is under way) is never merged:
  // the merge would move erased rows, or rows the erasure is about to clear.
  const gdpr = await db.raw(
    `select c.id, c.email,
            exists (select 1 from backoffice_job j
                     where j.type = ? and j.key like ? || c.id || ':%'
                       and j.status in ('queued', 'active', 'retrying') and j.deleted_at is null) as forgetting
       from customer c where c.id = any(?)`,
    [FORGET_JOB, `${FORGET_JOB}:`, [primary, ...secondaryIds]]
  )
  for (const r of gdpr.rows) {
    if (r.email === placeholderEmail(r.id)) {
      reasons.push({ customer_id: r.id, code: "forgotten", message: `Customer ${r.id} was forgotten (GDPR)` })
    } else if (r.forgetting) {
      reasons.push({ customer_id: r.id, code: "being_forgotten", message: `Customer ${r.id} is being forgotten (GDPR)` })
    }
  }
  const open = await db.raw(
    `select o.customer_id, o.id as order_id, o.display_id, c.change_type
       from "order" o join order_change c on c.order_id = o.id
      where o.customer_id = any(?) and c.status in ('pending', 'requested') and c.deleted_at is null and o.deleted_at is null`,
    [secondaryIds]
  )
  for (const r of open.rows) {
    reasons.push({
      customer_id: r.customer_id,
      code: "open_order_change",
      message: `Order #${r.display_id} of ${r.customer_id} has an open ${r.change_type ?? "change"}: finish or cancel it first`,
    })
  }
  const closed = await db.raw(
    `select hc.customer_id, a.account_number from house_account_customer hc
       join house_account a on a.id = hc.account_id
      where hc.customer_id = any(?) and hc.deleted_at is null and a.status = 'closed' and a.deleted_at is null`,
    [secondaryIds]
  )
  for (const r of closed.rows) {
    reasons.push({
      customer_id: r.customer_id,
      code: "closed_house_account",
      message: `${r.customer_id} belongs to the closed house account ${r.account_number}`,
    })
  }
  if (reasons.length) {
    throw new MergeRefused(409, `The merge is blocked: ${reasons.map((r) => r.message).join("; ")}`, reasons)
  }
}

/** Field choices must name a known field and one of the merged customers. */
export function checkFieldChoices(fields: MergeFieldChoices, ids: string[]) {
  for (const [field, id] of Object.entries(fields)) {
    if (!id || !ids.includes(id)) {
      throw new MergeRefused(400, `fields.${field}: must be the id of the primary or of one of the secondaries`)
    }
  }
}

/** Merges one secondary's rows into the primary, every handler in one transaction; returns the log and counts. */
export async function mergeRows(
  trx: Knex.Transaction,
  input: { primary: string; secondary: string; fields: MergeFieldChoices; merge_id: string }
): Promise<{ log: UndoOp[]; counts: Record<string, number> }> {
  const log: UndoOp[] = []
  const counts: Record<string, number> = {}
  // a field chosen from another secondary is not this one's to give
  const fields = Object.fromEntries(Object.entries(input.fields).filter(([, id]) => id === input.secondary))
  for (const h of mergeHandlers()) {
    if (!h.apply) continue
    const n = await h.apply({ trx, log, ...input, fields })
    if (n) counts[h.table] = n
  }
  return { log, counts }
}

const sum = (s: MergeSecondaryPreview[], table: string) =>
  s.reduce((acc, x) => acc + (x.tables.find((t) => t.table === table)?.rows ?? 0), 0)

/** What a merge would move, per secondary and table, and the fields both customers have a value for. */
export async function previewMerge(
  db: Db,
  primary: string,
  secondaryIds: string[],
  undoDays: number
): Promise<MergePreview> {
  const handlers = mergeHandlers()
  const secondaries: MergeSecondaryPreview[] = []
  const logins: MergePreview["totals"]["logins"] = { moves: null, disabled: [] }
  let optOut = false
  let dedup = 0
  for (const id of secondaryIds) {
    const c = (await db.raw(`select id, email, first_name, last_name from customer where id = ?`, [id])).rows[0]
    const tables: MergeSecondaryPreview["tables"] = []
    for (const h of handlers) {
      const rows = await h.preview({ db, primary, secondary: id })
      if (rows) tables.push({ table: h.table, rows, does: h.does })
    }
    secondaries.push({ ...c, tables })
    const l = await loginOutcome(db, primary, id)
    // the first secondary login moves when the primary has none; later ones are disabled
    if (l === "moves" && !logins.moves) logins.moves = id
    else if (l !== "none") logins.disabled.push(id)
    const consent = await db.raw(
      `select bool_or(marketing_opt_out) as o from customer_consent where customer_id = any(?) and deleted_at is null`,
      [[primary, id]]
    )
    optOut = optOut || !!consent.rows[0]?.o
    dedup += Number(
      (await db.raw(`select count(*)::int as n from customer_address where customer_id = ? and deleted_at is null`, [id])).rows[0].n
    )
  }
  const addresses = sum(secondaries, "customer_address")
  return {
    primary_id: primary,
    secondaries,
    totals: {
      orders: sum(secondaries, "order"),
      carts: sum(secondaries, "cart"),
      addresses,
      addresses_deduplicated: dedup - addresses,
      notes: sum(secondaries, "customer_note"),
      categories: sum(secondaries, "customer_group_customer"),
      stores: secondaries.reduce(
        (a, s) => a + (s.tables.find((t) => t.table.includes("sales_channel"))?.rows ?? 0),
        0
      ),
      timeline: sum(secondaries, "timeline_entry"),
      points: sum(secondaries, "points_account"),
      house_accounts: sum(secondaries, "house_account_customer"),
      trade_applications: sum(secondaries, "trade_application"),
      consent_opt_out: optOut,
      login: logins.disabled.length ? "disabled" : logins.moves ? "moves" : "none",
      logins,
    },
    conflicts: await conflicts(db, primary, secondaryIds),
    undo_days: undoDays,
  }
}

const present = (v: unknown) => v !== null && v !== undefined && v !== ""
const norm = (v: unknown) => (v instanceof Date ? v.toISOString() : v)

async function conflicts(db: Db, primary: string, secondaryIds: string[]): Promise<MergeConflict[]> {
  const ids = [primary, ...secondaryIds]
  const rowsOf = async (sql: string) => {
    const { rows } = await db.raw(sql, [ids])
    return new Map<string, Record<string, unknown>>(rows.map((r: any) => [r.cid, r]))
  }
  const customers = await rowsOf(`select id as cid, * from customer where id = any(?)`)
  const profiles = await rowsOf(`select customer_id as cid, * from customer_profile where customer_id = any(?) and deleted_at is null`)
  const trade = await rowsOf(`select customer_id as cid, * from trade_account where customer_id = any(?) and deleted_at is null`)
  const out: MergeConflict[] = []
  const check = (field: MergeConflict["field"], source: Map<string, Record<string, unknown>>, column: string) => {
    const p = source.get(primary)?.[column]
    if (!present(p)) return
    const values: Record<string, unknown> = { [primary]: norm(p) }
    for (const id of secondaryIds) {
      const v = source.get(id)?.[column]
      if (present(v) && JSON.stringify(norm(v)) !== JSON.stringify(norm(p))) values[id] = norm(v)
    }
    if (Object.keys(values).length > 1) out.push({ field, values, default: primary })
  }
  for (const f of CUSTOMER_FIELDS) check(f, customers, f)
  for (const f of PROFILE_FIELDS) check(f, profiles, f)
  check("account_type", trade, "account_type")
  return out
}

export { CUSTOMER_DATA_TABLES }
