import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { query, requireCustomer, userNames } from "../../../../../../utils/engagement"
import { pointsService } from "../../../../../../utils/loyalty"
import type { HistoryQueryType } from "../../../../loyalty/validators"

/** GET /admin/backoffice/customers/:id/loyalty/history?kind=&from=&to=&limit=&offset= — newest first. */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  await requireCustomer(req)
  const q = query<HistoryQueryType>(req)
  const { entries, count } = await pointsService(req).history(req.params.id, {
    kinds: q.kind,
    from: q.from,
    to: q.to,
    limit: q.limit,
    offset: q.offset,
  })
  const names = await userNames(
    req,
    entries.filter((e) => e.actor_type === "user").map((e) => e.actor_id)
  )
  res.json({
    entries: entries.map((e) => ({
      ...e,
      actor_name:
        e.actor_type === "user" && e.actor_id ? (names[e.actor_id] ?? null) : null,
    })),
    count,
    limit: q.limit,
    offset: q.offset,
  })
}
