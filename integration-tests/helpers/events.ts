import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { TestEventUtils } from "@medusajs/test-utils"

/**
 * Resolves once every subscriber of `name` has handled the next emission of
 * it (Medusa's own test helper, on the local event bus). Call it before the
 * action that emits the event, await it after: then whatever the subscribers
 * were going to write is written, and a test can assert that nothing more was.
 */
export function subscribersDone(container: MedusaContainer, name: string, timeout = 30_000) {
  return TestEventUtils.waitSubscribersExecution(name, container.resolve(Modules.EVENT_BUS) as never, { timeout })
}

/** Emits an event and waits until its subscribers have handled it. */
export async function emitAndWait(container: MedusaContainer, name: string, data: Record<string, unknown>) {
  const done = subscribersDone(container, name)
  await container.resolve(Modules.EVENT_BUS).emit({ name, data })
  await done
}
