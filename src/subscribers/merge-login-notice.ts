import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { CUSTOMER_DUPLICATES_MODULE } from "../modules/customer-duplicates"
import type CustomerDuplicatesModuleService from "../modules/customer-duplicates/service"
import type { UndoLog } from "../lib/customer-merge/ops"
import { MERGED_EVENT, MERGE_LOGIN_DISABLED_TEMPLATE } from "../types/customer-merge"

type MergedData = { primary_id: string; secondary_ids: string[]; merge_id: string }
type Person = { id: string; email: string | null; first_name: string | null; last_name: string | null }

/**
 * A merge where both customers had a registered login keeps the primary's
 * and disables the secondary's: the secondary is told by e-mail, through
 * Medusa's Notification module on the plugin's channel (`confirmationChannel`),
 * template `customer-backoffice-merge-login-disabled`, with the e-mail to log
 * in with from now on. Which logins were disabled is read from the merge's
 * undo log (the auth identities it changed that now point to no customer).
 * Runs after the merge committed; a failed send is retried by the event bus
 * (the idempotency key makes a retry send nothing twice).
 */
export default async function mergeLoginNotice({ event, container }: SubscriberArgs<MergedData>) {
  const data = event.data
  if (!data?.merge_id) return
  const dup: CustomerDuplicatesModuleService = container.resolve(CUSTOMER_DUPLICATES_MODULE)
  const [merge] = await dup.listCustomerMerges({ id: data.merge_id })
  if (!merge || merge.status !== "completed") return
  // the auth identities the merge changed, and the customer each logged in to before (a secondary)
  const ownerOf = new Map<string, string>()
  for (const o of (merge.undo as unknown as UndoLog | null)?.ops ?? []) {
    if (o.op !== "set" || o.table !== "auth_identity") continue
    const owner = (o.before.app_metadata as { customer_id?: string } | null)?.customer_id
    if (owner) ownerOf.set(o.id, owner)
  }
  if (!ownerOf.size) return
  const identities = await container
    .resolve(Modules.AUTH)
    .listAuthIdentities({ id: [...ownerOf.keys()] }, { select: ["id", "app_metadata"] })
  const disabled = [
    ...new Set(
      identities
        .filter((i) => i.app_metadata?.merged_into_customer_id === merge.primary_id && !i.app_metadata?.customer_id)
        .map((i) => ownerOf.get(i.id)!)
    ),
  ]
  if (!disabled.length) return

  const people = (await container.resolve(Modules.CUSTOMER).listCustomers(
    { id: [merge.primary_id, ...disabled] },
    { select: ["id", "email", "first_name", "last_name"], withDeleted: true }
  )) as Person[]
  const byId = new Map(people.map((p) => [p.id, p]))
  const primary = byId.get(merge.primary_id)
  const [store] = await container.resolve(Modules.STORE).listStores({}, { select: ["id", "name"], take: 1 })
  const notices = disabled.flatMap((id) => {
    const secondary = byId.get(id)
    if (!secondary?.email || !primary) return []
    return [
      {
        to: secondary.email,
        channel: dup.options.confirmationChannel,
        template: MERGE_LOGIN_DISABLED_TEMPLATE,
        trigger_type: MERGED_EVENT,
        resource_id: merge.id,
        resource_type: "customer_merge",
        receiver_id: secondary.id,
        idempotency_key: `merge-login-disabled:${merge.id}:${secondary.id}`,
        data: {
          customer: { id: secondary.id, email: secondary.email, first_name: secondary.first_name, last_name: secondary.last_name },
          primary: { id: primary.id, email: primary.email, first_name: primary.first_name, last_name: primary.last_name },
          login_email: primary.email,
          store: { name: store?.name ?? null },
          merge_id: merge.id,
        },
      },
    ]
  })
  if (!notices.length) return
  try {
    await container.resolve(Modules.NOTIFICATION).createNotifications(notices)
  } catch (e) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .warn(`[customer-backoffice] merge ${merge.id}: the login notice was not sent: ${(e as Error).message}`)
    throw e
  }
}

export const config: SubscriberConfig = {
  event: MERGED_EVENT,
  context: { subscriberId: "cbo-merge-login-notice" },
}
