import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { Modules } from "@medusajs/framework/utils"
import { describeConsentEvent } from "../../../../../../workflows/customer-engagement/workflows"
import {
  engagementService,
  groupNames,
  query,
  requireCustomer,
} from "../../../../../utils/engagement"
import type { PageQueryType } from "../../engagement-validators"

/** GET /admin/backoffice/customers/:id/consent-history — newest first. */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  await requireCustomer(req)
  const q = query<PageQueryType>(req)
  const [events, count] = await engagementService(req).listAndCountConsentEvents(
    { customer_id: req.params.id },
    { skip: q.offset, take: q.limit, order: { created_at: "DESC", id: "DESC" } }
  )
  const names = await groupNames(req, events.map((e) => e.subject))
  const userIds = [
    ...new Set(events.filter((e) => e.source === "admin" && e.actor_id).map((e) => e.actor_id!)),
  ]
  const users = userIds.length
    ? await req.scope.resolve(Modules.USER).listUsers({ id: userIds })
    : []
  const userName = Object.fromEntries(
    users.map((u) => [u.id, [u.first_name, u.last_name].filter(Boolean).join(" ") || u.email])
  )
  res.json({
    events: events.map((e) => ({
      ...e,
      category_name: e.subject ? (names[e.subject] ?? null) : null,
      description: describeConsentEvent(e, names),
      actor_name:
        e.source === "admin" ? (userName[e.actor_id ?? ""] ?? null) : null,
    })),
    count,
    limit: q.limit,
    offset: q.offset,
  })
}
