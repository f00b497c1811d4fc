import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { isImportEvent } from "../lib/customer-import/events"
import { joinOnVerifiedEmail } from "../workflows/customer-invitations/join-verified"

/**
 * A shopper's account created after the login's email was verified (Medusa's
 * email verification, when the store requires it): the in-store customers
 * with that email join it. The other order (verified after the account was
 * created) is handled on POST /auth/verification/confirm.
 */
export default async function joinVerifiedEmailSubscriber({
  event,
  container,
}: SubscriberArgs<{ id: string } | { id: string }[]>) {
  if (isImportEvent(event)) return
  const ids = (Array.isArray(event.data) ? event.data : [event.data])
    .map((d) => (d as { id?: unknown })?.id)
    .filter((id): id is string => typeof id === "string")
  for (const id of ids) {
    try {
      await joinOnVerifiedEmail(container, id)
    } catch (e) {
      container
        .resolve(ContainerRegistrationKeys.LOGGER)
        .warn(`[customer-backoffice] joining the accounts of ${id} failed: ${(e as Error).message}`)
    }
  }
}

export const config: SubscriberConfig = {
  event: ["customer.created"],
  context: { subscriberId: "cbo-join-verified-email" },
}
