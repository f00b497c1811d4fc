import { generateEntityId } from "@medusajs/framework/utils"
import { QUEUE_NAMES, type PluginOptions, type QueueName } from "../../../lib/options"
import { JobsUnavailableError, withRedisTimeout, type RedisConnections } from "./connections"
import {
  FINISHED,
  bullJobId,
  jobKeyFor,
  type JobRow,
  type JobStore,
} from "./job-store"
import { PermanentJobError, type JobLogger, type JobRegistry } from "./registry"

export type EnqueueInput = {
  type: string
  payload?: Record<string, unknown>
  key?: string
  created_by?: string | null
  attempts?: number
}

type CommandsDeps = {
  options: PluginOptions
  logger: JobLogger
  registry: JobRegistry
  store: JobStore
  connections: RedisConnections
  /** Stops the attempt of `id` running in this process, if any. */
  abortLocal(id: string): void
}

const notFound = (id: string) =>
  Object.assign(new Error(`Job ${id} was not found`), { notFound: true })

/**
 * What callers ask of the runtime: enqueue a job (once per key), cancel it,
 * retry it. The record is written first, then its id is put on its queue.
 */
export class JobCommands {
  constructor(private readonly deps: CommandsDeps) {}

  /**
   * Creates the job record (or finds the one with the same key) and puts it
   * on its queue. Enqueueing the same key twice returns the first record.
   */
  async enqueue(input: EnqueueInput): Promise<{ job: JobRow; created: boolean }> {
    const { registry, store, connections, options } = this.deps
    const def = registry.job(input.type)
    if (!def) {
      throw new PermanentJobError(`Unknown job type "${input.type}"`)
    }
    await connections.assertAvailable()
    const payload = input.payload ?? {}
    const key = input.key ?? jobKeyFor(input.type, payload)
    const job = await store.insert({
      id: generateEntityId(undefined, "bojob"),
      type: def.type,
      queue: def.queue,
      key,
      payload,
      max_attempts: input.attempts ?? def.attempts ?? options.jobAttempts,
      created_by: input.created_by ?? null,
    })
    if (job) {
      try {
        await this.addToQueue(job)
      } catch (e) {
        // Nothing may stay behind that claims to be queued but is not.
        await store.delete(job.id)
        throw e instanceof JobsUnavailableError
          ? e
          : new JobsUnavailableError(`Could not enqueue the job: ${(e as Error).message}`)
      }
      return { job, created: true }
    }
    const existing = await store.byKey(key)
    if (existing.status === "queued") {
      // Redis may have been flushed since: re-adding the same id is a no-op otherwise.
      await this.addToQueue(existing)
    }
    return { job: existing, created: false }
  }

  private async addToQueue(job: JobRow, delayMs = 0) {
    const { connections, options } = this.deps
    const queue = connections.queue(job.queue as QueueName)
    await withRedisTimeout(
      queue.add(
        job.type,
        { id: job.id },
        {
          jobId: bullJobId(job.id, job.run),
          attempts: job.max_attempts,
          backoff: { type: "exponential", delay: options.jobBackoffMs },
          delay: delayMs,
          removeOnComplete: { count: options.keepJobs },
          removeOnFail: { count: options.keepJobs },
        }
      ),
      "enqueue"
    )
  }

  /** Re-adds queued jobs whose BullMQ entry is gone (e.g. Redis was flushed). */
  async requeueLostJobs() {
    const { store, connections } = this.deps
    let requeued = 0
    for (const row of await store.unfinished(1000)) {
      if (!(QUEUE_NAMES as readonly string[]).includes(row.queue)) {
        continue
      }
      const existing = await connections.queue(row.queue as QueueName).getJob(bullJobId(row.id, row.run))
      if (!existing) {
        await store.markQueued(row)
        await this.addToQueue(row)
        requeued++
      }
    }
    if (requeued) {
      this.deps.logger.warn(
        `[customer-backoffice] ${requeued} unfinished job(s) were missing from Redis and were queued again`
      )
    }
  }

  /**
   * Waiting or delayed jobs are removed from Redis and cancelled at once; an
   * active one is told to stop and finishes as cancelled.
   */
  async cancel(id: string): Promise<JobRow> {
    const { store, connections } = this.deps
    const row = await store.get(id)
    if (!row) {
      throw notFound(id)
    }
    if (FINISHED.includes(row.status)) {
      return row
    }
    await connections.assertAvailable()
    const bull = await connections.queue(row.queue as QueueName).getJob(bullJobId(row.id, row.run))
    let removed = false
    if (bull) {
      const state = await bull.getState()
      if (state === "waiting" || state === "delayed" || state === "prioritized" || state === "waiting-children") {
        try {
          await bull.remove()
          removed = true
        } catch {
          removed = false
        }
      }
    } else {
      removed = row.status !== "active"
    }
    await store.requestCancel(id, removed)
    this.deps.abortLocal(id)
    return (await store.read(id))!
  }

  async retry(id: string): Promise<JobRow> {
    const { store, connections } = this.deps
    const row = await store.get(id)
    if (!row) {
      throw notFound(id)
    }
    if (row.status !== "failed" && row.status !== "cancelled") {
      throw Object.assign(
        new Error(`Only failed or cancelled jobs can be retried (this one is ${row.status})`),
        { notAllowed: true }
      )
    }
    await connections.assertAvailable()
    const reopened = await store.reopenForRetry(id)
    if (!reopened) {
      return (await store.read(id))!
    }
    await this.addToQueue(reopened)
    return reopened
  }
}
