import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { createHouseAccountWorkflow } from "../../../../workflows/house-accounts"
import { actorId, body, query } from "../../../utils/engagement"
import { asMedusaError, houseAccounts, requireCurrency, requireCustomers, sendConflict } from "./helpers"
import type { CreateHouseAccountBodyType, ListHouseAccountsQueryType } from "./validators"

/**
 * GET /admin/backoffice/house-accounts?q&status&with_balance&over_limit&customer_id&limit&offset
 * → { house_accounts, count, limit, offset }
 */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const q = query<ListHouseAccountsQueryType>(req)
  const { accounts, count } = await houseAccounts(req).listAccounts(
    { q: q.q, status: q.status, with_balance: q.with_balance, over_limit: q.over_limit, customer_id: q.customer_id },
    { limit: q.limit, offset: q.offset }
  )
  res.json({ house_accounts: accounts, count, limit: q.limit, offset: q.offset })
}

/** POST /admin/backoffice/house-accounts → 201 { house_account } */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const input = body<CreateHouseAccountBodyType>(req)
  await requireCurrency(req, input.currency_code)
  await requireCustomers(req, input.customer_ids, "customer_ids")
  try {
    const { result } = await createHouseAccountWorkflow(req.scope).run({
      input: { ...input, actor_id: actorId(req) },
    })
    res.status(201).json({ house_account: result })
  } catch (e) {
    if (!sendConflict(res, e)) throw asMedusaError(e)
  }
}
