import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { Modules } from "@medusajs/framework/utils"
import { CUSTOMER_TIMELINE_MODULE } from "../modules/customer-timeline"
import type CustomerTimelineModuleService from "../modules/customer-timeline/service"
import type { TimelineChange, TimelineEntryInput } from "../modules/customer-timeline/types"

type Payload = {
  customer_id?: string
  /** customer_backoffice.profile.updated: the names of the fields that changed */
  fields?: string[]
  /** customer_backoffice.customers.restored */
  ids?: string[]
  restored_by?: string | null
  actor_id?: string | null
  actor_type?: string | null
  changes?: TimelineChange[]
  added?: string[]
  removed?: string[]
}

const CORE_CUSTOMER_FIELDS = ["first_name", "last_name", "email", "phone", "company_name"]

async function names(
  ids: string[],
  list: (ids: string[]) => Promise<{ id: string; name: string | null }[]>
) {
  if (!ids.length) return {} as Record<string, string>
  const rows = await list(ids).catch(() => [])
  return Object.fromEntries(rows.map((r) => [r.id, r.name ?? r.id]))
}

/**
 * Events other features of the plugin emit → timeline. Features that run a
 * workflow can instead append `recordTimelineStep` (src/workflows/timeline).
 */
export default async function timelineBackofficeSubscriber({
  event,
  container,
}: SubscriberArgs<Payload>) {
  const p = event.data ?? {}
  const timeline: CustomerTimelineModuleService = container.resolve(
    CUSTOMER_TIMELINE_MODULE
  )
  if (event.name === "customer_backoffice.customers.restored") {
    // the list's bulk restore: one entry per customer
    const ids = p.ids ?? []
    if (!ids.length) return
    await timeline.appendEntries(
      ids.map((customer_id) => ({
        customer_id,
        kind: "customer.restored",
        summary: "Customer restored",
        actor_type: p.restored_by ? "user" : "system",
        actor_id: p.restored_by ?? null,
      }))
    )
    return
  }
  if (!p.customer_id) return
  const actor = {
    actor_type: p.actor_type ?? (p.actor_id ? "user" : "system"),
    actor_id: p.actor_id ?? null,
  }
  let entry: TimelineEntryInput | null = null
  const added = p.added ?? []
  const removed = p.removed ?? []

  switch (event.name) {
    case "customer_backoffice.profile.updated": {
      // Core fields (name, email, phone, company) are recorded from Medusa's own
      // customer.updated event with old and new values: only profile fields here.
      const changes =
        p.changes ??
        (p.fields ?? [])
          .filter((f) => !CORE_CUSTOMER_FIELDS.includes(f))
          // the event names the fields; their values are on the profile card
          .map((field) => ({ field }) as TimelineChange)
      if (!changes.length) return
      entry = {
        customer_id: p.customer_id,
        kind: "profile.updated",
        summary: `Changed ${changes.map((c) => c.field.replace(/_/g, " ")).join(", ")}`,
        data: { changes },
        ...actor,
      }
      break
    }
    case "customer_backoffice.categories.changed": {
      if (!added.length && !removed.length) return
      const customers = container.resolve(Modules.CUSTOMER)
      const n = await names([...added, ...removed], (ids) =>
        customers.listCustomerGroups({ id: ids }, { select: ["id", "name"] })
      )
      const parts = [
        added.length ? `added to ${added.map((id) => n[id] ?? id).join(", ")}` : "",
        removed.length ? `removed from ${removed.map((id) => n[id] ?? id).join(", ")}` : "",
      ].filter(Boolean)
      entry = {
        customer_id: p.customer_id,
        kind: "category.changed",
        summary: `Categories: ${parts.join("; ")}`,
        data: { added, removed, names: n },
        ...actor,
      }
      break
    }
    case "customer_backoffice.stores.changed": {
      if (!added.length && !removed.length) return
      const channels = container.resolve(Modules.SALES_CHANNEL)
      const n = await names([...added, ...removed], (ids) =>
        channels.listSalesChannels({ id: ids }, { select: ["id", "name"] })
      )
      const parts = [
        added.length ? `added ${added.map((id) => n[id] ?? id).join(", ")}` : "",
        removed.length ? `removed ${removed.map((id) => n[id] ?? id).join(", ")}` : "",
      ].filter(Boolean)
      entry = {
        customer_id: p.customer_id,
        kind: "store.changed",
        summary: `Stores: ${parts.join("; ")}`,
        data: { added, removed, names: n },
        ...actor,
      }
      break
    }
    case "customer_backoffice.customer.restored": {
      entry = {
        customer_id: p.customer_id,
        kind: "customer.restored",
        summary: "Customer restored",
        ...actor,
      }
      break
    }
  }
  if (entry) await timeline.appendEntries([entry])
}

export const config: SubscriberConfig = {
  event: [
    "customer_backoffice.profile.updated",
    "customer_backoffice.categories.changed",
    "customer_backoffice.stores.changed",
    "customer_backoffice.customer.restored",
    "customer_backoffice.customers.restored",
  ],
  context: { subscriberId: "cbo-timeline-backoffice-events" },
}
