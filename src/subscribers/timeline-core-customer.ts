import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { Modules } from "@medusajs/framework/utils"
import { isImportEvent } from "../lib/customer-import/events"
import { CUSTOMER_TIMELINE_MODULE } from "../modules/customer-timeline"
import type CustomerTimelineModuleService from "../modules/customer-timeline/service"

/**
 * Core customer events → timeline. Core events carry only the customer id:
 * field changes come from comparing with the customer's last snapshot; the
 * actor is the admin or customer a middleware noted just before the change.
 * Events emitted by an import are skipped: the import's batch already wrote
 * the customer's "Imported by run …" entry and its snapshot in the same
 * transaction (a "Customer created" entry would repeat it).
 */
export default async function timelineCoreCustomerSubscriber({
  event,
  container,
}: SubscriberArgs<{ id: string }>) {
  const id = event.data?.id
  if (!id || isImportEvent(event)) return
  const timeline: CustomerTimelineModuleService = container.resolve(
    CUSTOMER_TIMELINE_MODULE
  )
  if (event.name === "customer.deleted") {
    const actor = await timeline.pendingActor(id)
    await timeline.appendEntries([
      {
        customer_id: id,
        kind: "customer.deleted",
        summary: "Customer deleted",
        ...actor,
      },
    ])
    return
  }
  const customers = container.resolve(Modules.CUSTOMER)
  const [customer] = await customers.listCustomers({ id })
  if (!customer) return
  await timeline.recordCustomerSnapshot(
    customer as unknown as Record<string, unknown>,
    { baselineKind: event.name === "customer.created" ? "customer.created" : null }
  )
}

export const config: SubscriberConfig = {
  event: ["customer.created", "customer.updated", "customer.deleted"],
  context: { subscriberId: "cbo-timeline-core-customer" },
}
