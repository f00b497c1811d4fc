import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { CUSTOMER_FIELDS } from "../../types/customer-merge"
import type { MergeCtx, MergeHandler, PreviewCtx } from "./handlers"
import { setRow } from "./ops"

type Db = PreviewCtx["db"]

const loginsOf = async (db: Db, customerId: string) =>
  (
    await db.raw(
      `select id from auth_identity where app_metadata->>'customer_id' = ? and deleted_at is null order by created_at`,
      [customerId]
    )
  ).rows.map((r: { id: string }) => r.id) as string[]

/** What happens to the secondary's login: none, moves to the primary (it has none), or disabled (the primary keeps its own). */
export async function loginOutcome(db: Db, primary: string, secondary: string): Promise<"none" | "moves" | "disabled"> {
  if (!(await loginsOf(db, secondary)).length) return "none"
  return (await loginsOf(db, primary)).length ? "disabled" : "moves"
}

/**
 * auth_identity (keep-primary): the primary keeps its login. The
 * secondary's identity is disabled (its customer_id removed, so it logs in
 * to no customer); when the primary has no login, the secondary's moves to it.
 */
export const loginHandler: MergeHandler = {
  table: "auth_identity",
  does: "keeps the primary's login; the secondary's is disabled, or moves when the primary has none",
  preview: async ({ db, secondary }) => (await loginsOf(db, secondary)).length,
  apply: async ({ trx, log, primary, secondary }) => {
    const ids = await loginsOf(trx, secondary)
    for (const id of ids) {
      const moves = !(await loginsOf(trx, primary)).length
      await setRow(trx, log, "auth_identity", id, {
        app_metadata: trx.raw(
          moves
            ? `jsonb_set(coalesce(app_metadata, '{}'::jsonb), '{customer_id}', to_jsonb(?::text))`
            : `(coalesce(app_metadata, '{}'::jsonb) - 'customer_id') || jsonb_build_object('merged_into_customer_id', ?::text)`,
          [primary]
        ),
      })
      if (moves) await setRow(trx, log, "customer", primary, { has_account: true })
    }
    return ids.length
  },
}

const customerRow = async (db: Db, id: string) =>
  (await db.raw(`select * from customer where id = ?`, [id])).rows[0] as Record<string, unknown> | undefined

/**
 * customer (combine): the secondary is soft-deleted and marked "merged into"
 * the primary; the primary keeps its values, takes the secondary's where it
 * has none, and the chosen ones. Runs after every other table.
 */
export const customerHandler: MergeHandler = {
  table: "customer",
  does: "fills the primary's empty fields (and the chosen ones); soft-deletes the secondary, marked merged into the primary",
  preview: async () => 1,
  apply: async (ctx: MergeCtx) => {
    const { trx, log, primary, secondary, merge_id } = ctx
    await setRow(trx, log, "customer", secondary, {
      deleted_at: new Date(),
      metadata: trx.raw(
        `coalesce(metadata, '{}'::jsonb) || jsonb_build_object('merged_into', ?::text, 'merge_id', ?::text)`,
        [primary, merge_id]
      ),
    })
    const p = (await customerRow(trx, primary))!
    const s = (await customerRow(trx, secondary))!
    const values: Record<string, unknown> = {}
    for (const c of CUSTOMER_FIELDS) {
      const sv = s[c]
      if (sv === null || sv === undefined || sv === "") continue
      const pv = p[c]
      if ((pv === null || pv === undefined || pv === "" || ctx.fields[c] === secondary) && pv !== sv) values[c] = sv
    }
    await setRow(trx, log, "customer", primary, values)
    return 1
  },
}

export type { Knex }
