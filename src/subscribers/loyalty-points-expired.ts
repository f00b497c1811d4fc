import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { CUSTOMER_TIMELINE_MODULE } from "../modules/customer-timeline"
import type CustomerTimelineModuleService from "../modules/customer-timeline/service"
import { POINTS_EXPIRED_EVENT } from "../workflows/customer-points/events"

type Payload = { customer_id: string; points: number; lots: number; expired_at: string }

/** Expired points → the customer's timeline ("120 points expired"). */
export default async function loyaltyPointsExpiredSubscriber({
  event,
  container,
}: SubscriberArgs<Payload>) {
  const p = event.data
  if (!p?.customer_id || !p.points) return
  const timeline: CustomerTimelineModuleService = container.resolve(CUSTOMER_TIMELINE_MODULE)
  await timeline.appendEntries([
    {
      customer_id: p.customer_id,
      kind: "points.expired",
      summary: `${p.points.toLocaleString("en-US")} points expired`,
      data: { points: p.points, lots: p.lots, expired_at: p.expired_at },
      actor_type: "system",
      actor_id: null,
    },
  ])
}

export const config: SubscriberConfig = {
  event: POINTS_EXPIRED_EVENT,
  context: { subscriberId: "cbo-loyalty-points-expired-timeline" },
}
