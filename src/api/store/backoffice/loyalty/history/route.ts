import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { sessionCustomer } from "../../helpers"
import { query } from "../../../../utils/engagement"
import { pointsService, storeEntry } from "../../../../utils/loyalty"
import type { HistoryQueryType } from "../../../../admin/backoffice/loyalty/validators"

/** GET /store/backoffice/loyalty/history?kind=&from=&to=&limit=&offset= — the logged-in customer's ledger. */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const customer = await sessionCustomer(req)
  const q = query<HistoryQueryType>(req)
  const { entries, count } = await pointsService(req).history(customer.id, {
    kinds: q.kind,
    from: q.from,
    to: q.to,
    limit: q.limit,
    offset: q.offset,
  })
  res.json({ entries: entries.map(storeEntry), count, limit: q.limit, offset: q.offset })
}
