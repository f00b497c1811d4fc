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

export type SubscriberRun = { event: string; subscriber: string; data: unknown; metadata: unknown }

/**
 * Records every finished run of every subscriber of `names` (local event
 * bus): each listener is wrapped, and a run is recorded once the subscriber
 * has returned. Wait on `runs` reaching the count the action must cause,
 * then assert what the subscribers wrote. `restore()` unwraps them.
 */
export function recordSubscriberRuns(container: MedusaContainer, names: string[]) {
  const emitter = (container.resolve(Modules.EVENT_BUS) as unknown as { eventEmitter_: NodeJS.EventEmitter })
    .eventEmitter_
  const runs: SubscriberRun[] = []
  const wrapped: [string, (...a: unknown[]) => unknown, (...a: unknown[]) => unknown][] = []
  for (const name of names) {
    for (const listener of emitter.listeners(name) as ((...a: unknown[]) => unknown)[]) {
      const wrapper = async (...args: unknown[]) => {
        await listener(...args)
        const e = args[0] as { data?: unknown; metadata?: unknown }
        runs.push({
          event: name,
          subscriber: String((listener as { subscriberId?: string }).subscriberId ?? "?"),
          data: e?.data,
          metadata: e?.metadata,
        })
      }
      emitter.removeListener(name, listener)
      emitter.on(name, wrapper)
      wrapped.push([name, listener, wrapper])
    }
  }
  return {
    runs,
    /** Subscribers of `name` (their count: each message is handled once by each). */
    count: (name: string) => wrapped.filter(([n]) => n === name).length,
    restore() {
      for (const [name, listener, wrapper] of wrapped) {
        emitter.removeListener(name, wrapper)
        emitter.on(name, listener)
      }
    },
  }
}
