import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { assignDefaultStoresWorkflow } from "../workflows/customer-stores/workflows"

/**
 * New customers get every store (sales channel) by default.
 *
 * A subscriber on `customer.created` rather than a hook on
 * createCustomersWorkflow: the customer module emits `customer.created` for
 * every customer it creates, including guests created by the cart/checkout
 * flows (which call the module directly, bypassing createCustomersWorkflow and
 * its hook) and accounts registered from the storefront. The workflow only
 * links customers that have no store yet, so a repeated event is harmless.
 */
export default async function customerDefaultStores({
  event,
  container,
}: SubscriberArgs<{ id: string } | { id: string }[]>) {
  const ids = (Array.isArray(event.data) ? event.data : [event.data])
    .map((d) => d?.id)
    .filter((id): id is string => typeof id === "string")
  if (!ids.length) return
  await assignDefaultStoresWorkflow(container).run({ input: { customer_ids: ids } })
}

export const config: SubscriberConfig = {
  event: "customer.created",
  context: { subscriberId: "customer-backoffice-default-stores" },
}
