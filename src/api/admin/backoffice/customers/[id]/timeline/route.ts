import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { Modules } from "@medusajs/framework/utils"
import { TIMELINE_KINDS } from "../../../../../../modules/customer-timeline/types"
import { query, timelineService } from "../../../../../utils/engagement"
import type { TimelineQueryType } from "../../engagement-validators"

/**
 * GET /admin/backoffice/customers/:id/timeline?kind=a,b&limit&offset — newest first.
 * Also answers for a deleted customer (its trail is kept).
 */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const q = query<TimelineQueryType>(req)
  const [entries, count] = await timelineService(req).listTimeline(req.params.id, {
    kinds: q.kind,
    limit: q.limit,
    offset: q.offset,
  })
  const userIds = [
    ...new Set(entries.filter((e) => e.actor_type === "user" && e.actor_id).map((e) => e.actor_id!)),
  ]
  const users = userIds.length
    ? await req.scope.resolve(Modules.USER).listUsers({ id: userIds })
    : []
  const userName = Object.fromEntries(
    users.map((u) => [u.id, [u.first_name, u.last_name].filter(Boolean).join(" ") || u.email])
  )
  res.json({
    entries: entries.map((e) => ({
      ...e,
      actor_name:
        e.actor_type === "user"
          ? (userName[e.actor_id ?? ""] ?? "Admin user")
          : e.actor_type === "customer"
            ? "Customer (storefront)"
            : e.actor_type === "import"
              ? "Import"
              : "System",
    })),
    count,
    limit: q.limit,
    offset: q.offset,
    kinds: TIMELINE_KINDS,
  })
}
