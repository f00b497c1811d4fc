import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { sessionCustomer } from "../helpers"
import { houseAccounts } from "../../../admin/backoffice/house-accounts/helpers"
import type { HouseAccountJSON } from "../../../../types/house-accounts"

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

/** GET /store/backoffice/house-accounts — the logged-in customer's house accounts (never another's). */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const customer = await sessionCustomer(req)
  const { accounts } = await houseAccounts(req).listAccounts({ customer_id: customer.id }, { limit: 100, offset: 0 })
  res.json({ house_accounts: accounts.map(storeAccount) })
}
