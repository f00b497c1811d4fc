import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import type { MedusaContainer } from "@medusajs/framework/types"
import { assignDefaultStoresWorkflow } from "../workflows/customer-stores/workflows"

/**
 * Customer module event emitted for every customer row it creates, whoever
 * creates it: the admin and import (createCustomersWorkflow), storefront
 * registration, and guests created by the cart/checkout flows (which call the
 * module directly, so neither createCustomersWorkflow's `customersCreated`
 * hook nor its `customer.created` workflow event sees them).
 * Data: `{ id }` — one event per created customer.
 */
export const CUSTOMER_MODULE_CREATED_EVENT = "customer.customer.created"

const BATCH_WINDOW_MS = 50
const MAX_BATCH = 1000

type Waiter = { resolve: () => void; reject: (e: unknown) => void }
let pending = new Set<string>()
let waiters: Waiter[] = []
let timer: NodeJS.Timeout | undefined

async function flush(container: MedusaContainer) {
  if (timer) clearTimeout(timer)
  timer = undefined
  const ids = [...pending]
  const done = waiters
  pending = new Set()
  waiters = []
  try {
    for (let i = 0; i < ids.length; i += MAX_BATCH) {
      await assignDefaultStoresWorkflow(container).run({
        input: { customer_ids: ids.slice(i, i + MAX_BATCH) },
      })
    }
    done.forEach((w) => w.resolve())
  } catch (e) {
    done.forEach((w) => w.reject(e))
  }
}

/**
 * New customers get every store (sales channel) by default.
 *
 * Creating many customers at once (an import, a bulk create) emits one event
 * per customer; the ids arriving within a short window are handled by one
 * workflow run instead of one run each. The workflow links only customers
 * that have no store yet, so a repeated event is harmless, and the install
 * backfill (migration script) catches anything a crash may have missed.
 */
export default async function customerDefaultStores({
  event,
  container,
}: SubscriberArgs<{ id: string | string[] }>) {
  const ids = (Array.isArray(event.data?.id) ? event.data.id : [event.data?.id]).filter(
    (id): id is string => typeof id === "string"
  )
  if (!ids.length) return
  await new Promise<void>((resolve, reject) => {
    ids.forEach((id) => pending.add(id))
    waiters.push({ resolve, reject })
    if (pending.size >= MAX_BATCH) {
      void flush(container)
    } else if (!timer) {
      timer = setTimeout(() => void flush(container), BATCH_WINDOW_MS)
    }
  })
}

export const config: SubscriberConfig = {
  event: CUSTOMER_MODULE_CREATED_EVENT,
  context: { subscriberId: "customer-backoffice-default-stores" },
}
