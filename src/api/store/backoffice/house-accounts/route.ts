import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { sessionCustomer } from "../helpers"
import { houseAccounts } from "../../../admin/backoffice/house-accounts/helpers"
import type { HouseAccountJSON, HouseEntryJSON } from "../../../../types/house-accounts"
import { toStatement } from "../../../../lib/house-accounts/statement-files"

/** What a customer sees of an account (no staff metadata). */
export function storeAccount(a: HouseAccountJSON) {
  return {
    id: a.id,
    account_number: a.account_number,
    name: a.name,
    currency_code: a.currency_code,
    credit_limit: a.credit_limit,
    order_limit: a.order_limit,
    balance: a.balance,
    available_credit: a.available_credit,
    status: a.status,
    last_payment_at: a.last_payment_at,
  }
}

/** What a customer sees of an entry (no staff reason, actor or metadata). */
export function storeEntry(e: HouseEntryJSON) {
  return {
    id: e.id,
    kind: e.kind,
    amount: e.amount,
    currency_code: e.currency_code,
    balance_after: e.balance_after,
    method: e.method,
    reference: e.reference,
    source_type: e.source_type === "order" ? "order" : null,
    source_id: e.source_type === "order" ? e.source_id : null,
    created_at: e.created_at,
  }
}

const RECENT = 5

/**
 * GET /store/backoffice/house-accounts — the logged-in customer's house
 * accounts (never another's), each with balance, credit limit, available
 * credit, its 5 most recent entries and latest 3 statements: the wallet view
 * of a storefront's account page. Full history: …/:id/entries, …/:id/statements.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const customer = await sessionCustomer(req)
  const svc = houseAccounts(req)
  const { accounts } = await svc.listAccounts({ customer_id: customer.id }, { limit: 100, offset: 0 })
  const house_accounts = await Promise.all(
    accounts.map(async (a) => {
      const [{ entries }, statements] = await Promise.all([
        svc.listEntries(a.id, {}, { limit: RECENT, offset: 0 }),
        svc.listHouseAccountStatements({ account_id: a.id }, { take: 3, order: { period_end: "DESC", created_at: "DESC" } }),
      ])
      return {
        ...storeAccount(a),
        recent_entries: entries.map(storeEntry),
        statements: statements.map((r) => {
          const { generated_by_id: _g, generated_by_type: _t, emailed_to: _e, ...st } = toStatement(r)
          return st
        }),
      }
    })
  )
  res.json({ house_accounts })
}
