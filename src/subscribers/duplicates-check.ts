import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { CUSTOMER_DUPLICATES_MODULE } from "../modules/customer-duplicates"
import type CustomerDuplicatesModuleService from "../modules/customer-duplicates/service"

/**
 * Check on write: a customer created or updated (admin, storefront, import)
 * is compared with every other customer right away, so the Duplicates card
 * and list show its duplicates without waiting for the next scan. A failure
 * is logged only: the next scan looks at the customer again (its updated_at
 * is after the last scan's start). An import's events (one per customer it
 * wrote, see src/lib/customer-import/events.ts) are checked too: the import
 * writes no duplicate pairs itself, and the check upserts the customer's
 * subject row and pairs, so a repeated event writes nothing new.
 */
export default async function duplicatesCheckSubscriber({
  event,
  container,
}: SubscriberArgs<{ id: string } | { id: string }[]>) {
  const data = event.data as unknown
  const ids = (Array.isArray(data) ? data : [data])
    .map((d) => (d as { id?: unknown })?.id)
    .filter((id): id is string => typeof id === "string")
  if (!ids.length) return
  const svc: CustomerDuplicatesModuleService = container.resolve(CUSTOMER_DUPLICATES_MODULE)
  try {
    await svc.checkCustomers(ids)
  } catch (e) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .warn(`[customer-backoffice] duplicate check of ${ids.join(", ")} failed: ${(e as Error).message}`)
  }
}

export const config: SubscriberConfig = {
  event: ["customer.created", "customer.updated"],
  context: { subscriberId: "cbo-duplicates-check" },
}
