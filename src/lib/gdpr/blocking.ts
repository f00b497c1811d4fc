import type { Knex } from "@medusajs/framework/mikro-orm/knex"

/** Something that must be settled before a customer can be forgotten. */
export type ForgetBlock =
  | { kind: "order"; id: string; display_id: number | null; status: string; message: string; href: string }
  | { kind: "house_account"; id: string; account_number: string; balance: number; currency_code: string; message: string; href: string }
  | { kind: "import"; id: string; status: string; message: string; href: string }

/** Order statuses whose personal data may go: the sale is done. */
const SETTLED = ["completed", "canceled", "archived"]
/** Import statuses where rows are still staged for a decision. */
const OPEN_IMPORT = ["uploaded", "parsing", "review", "committing", "undoing"]

/**
 * Why the customer cannot be forgotten yet: orders neither fulfilled,
 * completed nor canceled; house accounts with a non-zero balance; imports
 * holding the customer that are not finished.
 */
export async function forgetBlocks(knex: Knex, customerId: string, email: string | null): Promise<ForgetBlock[]> {
  const blocks: ForgetBlock[] = []
  const orders = await knex.raw(
    `SELECT o.id, o.display_id, o.status FROM "order" o
      WHERE o.customer_id = ? AND o.deleted_at IS NULL AND NOT (o.status = ANY(?))
        AND EXISTS (SELECT 1 FROM order_item oi WHERE oi.order_id = o.id AND oi.version = o.version
                      AND oi.deleted_at IS NULL AND oi.fulfilled_quantity < oi.quantity)
      ORDER BY o.created_at`,
    [customerId, SETTLED]
  )
  for (const o of orders.rows as { id: string; display_id: number | null; status: string }[]) {
    blocks.push({
      kind: "order",
      id: o.id,
      display_id: o.display_id,
      status: o.status,
      message: `Order #${o.display_id ?? o.id} is ${o.status} and not fulfilled: fulfil, complete or cancel it first`,
      href: `/orders/${o.id}`,
    })
  }
  const hasHouseAccounts = await knex.schema.hasTable("house_account")
  if (hasHouseAccounts) {
    const accounts = await knex.raw(
      `SELECT a.id, a.account_number, a.balance, a.currency_code FROM house_account a
         JOIN house_account_customer hc ON hc.account_id = a.id AND hc.deleted_at IS NULL
        WHERE hc.customer_id = ? AND a.deleted_at IS NULL AND a.balance <> 0`,
      [customerId]
    )
    for (const a of accounts.rows as any[]) {
      blocks.push({
        kind: "house_account",
        id: a.id,
        account_number: a.account_number,
        balance: Number(a.balance),
        currency_code: a.currency_code,
        message: `House account ${a.account_number} has a balance of ${Number(a.balance)} (${String(a.currency_code).toUpperCase()} minor units): settle it first`,
        href: `/backoffice/house-accounts/${a.id}`,
      })
    }
  }
  if (await knex.schema.hasTable("import_row")) {
    const imports = await knex.raw(
      `SELECT DISTINCT u.id, u.status FROM import_run u JOIN import_row r ON r.run_id = u.id
        WHERE u.deleted_at IS NULL AND u.status = ANY(?) AND r.deleted_at IS NULL
          AND (r.customer_id = ? OR (?::text IS NOT NULL AND r.email_key = lower(?::text)))`,
      [OPEN_IMPORT, customerId, email, email]
    )
    for (const i of imports.rows as { id: string; status: string }[]) {
      blocks.push({
        kind: "import",
        id: i.id,
        status: i.status,
        message: `Import ${i.id} holding this customer is ${i.status === "review" ? "in review" : i.status}: confirm or cancel it first`,
        href: `/backoffice/imports/${i.id}`,
      })
    }
  }
  return blocks
}
