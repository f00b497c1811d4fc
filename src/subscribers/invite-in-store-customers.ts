import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { CUSTOMER_ENGAGEMENT_MODULE } from "../modules/customer-engagement"
import type CustomerEngagementModuleService from "../modules/customer-engagement/service"
import { checkInvitable } from "../lib/invitations"
import { isImportEvent } from "../lib/customer-import/events"
import { sendInvitationWorkflow } from "../workflows/customer-invitations/workflows"

/**
 * Plugin option `inviteInStoreCustomers`: "on_create" invites a customer
 * staff created (admin, import: `created_by` set) with an email and no
 * account; "on_first_order" invites such a customer when an order of theirs
 * is placed. A customer already invited once is not invited again here (staff
 * can re-send), so a redelivered event sends nothing new. An import's new
 * customers are invited by the job the import's commit enqueues (batches, see
 * workers/invitations.ts), not here.
 */
export default async function inviteInStoreCustomersSubscriber({
  event,
  container,
}: SubscriberArgs<{ id: string } | { id: string }[]>) {
  const svc = container.resolve(CUSTOMER_ENGAGEMENT_MODULE) as CustomerEngagementModuleService
  const mode = svc.options.inviteInStoreCustomers
  const onCreate = event.name === "customer.created"
  if (mode === "off" || (onCreate ? mode !== "on_create" : mode !== "on_first_order")) return
  if (onCreate && isImportEvent(event)) return
  const ids = (Array.isArray(event.data) ? event.data : [event.data])
    .map((d) => (d as { id?: unknown })?.id)
    .filter((id): id is string => typeof id === "string")
  if (!ids.length) return
  let customerIds = ids
  if (!onCreate) {
    const orders = await container.resolve(Modules.ORDER).listOrders({ id: ids }, { select: ["customer_id"] })
    customerIds = orders.map((o) => o.customer_id).filter((id): id is string => !!id)
  }
  const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const { rows } = await pg.raw(
    `select c.id from customer c
      where c.id = any(?) and c.created_by is not null
        and not exists (select 1 from customer_invitation i where i.customer_id = c.id and i.deleted_at is null)`,
    [customerIds]
  )
  const { ok } = await checkInvitable(pg, rows.map((r: { id: string }) => r.id))
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  for (const customer of ok) {
    try {
      await sendInvitationWorkflow(container).run({
        input: { customer, trigger: onCreate ? "on_create" : "on_first_order", actor_id: null },
      })
    } catch (e) {
      logger.warn(`[customer-backoffice] invitation of ${customer.id} failed: ${(e as Error).message}`)
    }
  }
}

export const config: SubscriberConfig = {
  event: ["customer.created", "order.placed"],
  context: { subscriberId: "cbo-invite-in-store-customers" },
}
