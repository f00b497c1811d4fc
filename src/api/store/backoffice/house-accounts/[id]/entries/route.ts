import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { sessionCustomer } from "../../../helpers"
import { houseAccounts } from "../../../../../admin/backoffice/house-accounts/helpers"
import { query } from "../../../../../utils/engagement"
import type { ListEntriesQueryType } from "../../../../../admin/backoffice/house-accounts/validators"
import { storeAccount, storeEntry } from "../../route"

/**
 * GET /store/backoffice/house-accounts/:id/entries?kind&from&to&limit&offset
 * → { house_account, entries, count, limit, offset }; 404 unless the
 * logged-in customer is assigned to the account.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const customer = await sessionCustomer(req)
  const svc = houseAccounts(req)
  const { accounts } = await svc.listAccounts({ customer_id: customer.id, id: [req.params.id] }, { limit: 1, offset: 0 })
  if (!accounts.length) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `House account ${req.params.id} was not found`)
  }
  const q = query<ListEntriesQueryType>(req)
  const { entries, count } = await svc.listEntries(
    req.params.id,
    { kind: q.kind, from: q.from, to: q.to },
    { limit: q.limit, offset: q.offset }
  )
  res.json({
    house_account: storeAccount(accounts[0]),
    entries: entries.map(storeEntry),
    count,
    limit: q.limit,
    offset: q.offset,
  })
}
