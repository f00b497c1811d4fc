import { Worker, type Job } from "bullmq"
import type { PluginOptions } from "../../../lib/options"
import type { EnqueueInput } from "./commands"
import type { RedisConnections } from "./connections"
import type { JobRow } from "./job-store"
import { dailyKey, type JobLogger, type JobRegistry } from "./registry"

/** The BullMQ queue holding the repeatable ticks of `defineSchedule`. */
export const SCHEDULE_QUEUE = "schedules"

export type ScheduleStatus = {
  name: string
  type: string
  pattern: string
  tz: string
  next: string | null
}

type SchedulesDeps = {
  options: PluginOptions
  logger: JobLogger
  registry: JobRegistry
  connections: RedisConnections
  enqueue(input: EnqueueInput): Promise<{ job: JobRow; created: boolean }>
}

/**
 * Recurring jobs: each `defineSchedule` is a BullMQ repeatable tick (UTC)
 * on the `schedules` queue; a tick enqueues the schedule's job with a key
 * per period, so several instances or a re-fired tick run the work once.
 */
export class Schedules {
  private worker: Worker | null = null

  constructor(private readonly deps: SchedulesDeps) {}

  private queue() {
    return this.deps.connections.extraQueue(SCHEDULE_QUEUE)
  }

  /**
   * Registers the repeatable tick of every schedule, removes ticks whose
   * pattern changed or whose schedule is gone or off, and starts the worker
   * that turns ticks into jobs. Called only where workers run.
   */
  async sync(): Promise<void> {
    const { options, registry, connections, logger } = this.deps
    const queue = this.queue()
    await queue.waitUntilReady()
    const wanted = new Map<string, string>()
    for (const def of registry.listSchedules()) {
      const pattern = def.pattern(options)
      if (pattern) wanted.set(def.name, pattern)
    }
    for (const r of await queue.getRepeatableJobs()) {
      if (wanted.get(r.name) !== r.pattern || (r.tz ?? "UTC") !== "UTC") {
        await queue.removeRepeatableByKey(r.key)
      }
    }
    for (const [name, pattern] of wanted) {
      // Adding the same name + pattern again is a no-op for BullMQ.
      await queue.add(
        name,
        { schedule: name },
        {
          repeat: { pattern, tz: "UTC" },
          removeOnComplete: { count: 100 },
          removeOnFail: { count: 100 },
        }
      )
    }
    if (!wanted.size || this.worker) {
      return
    }
    const worker = new Worker(SCHEDULE_QUEUE, (job) => this.tick(job), {
      connection: connections.workerConnection(),
      prefix: options.queuePrefix,
      concurrency: 1,
      autorun: false,
    })
    worker.on("error", (err) => connections.logRedisError("worker schedules", err))
    await worker.waitUntilReady()
    this.worker = worker
    void worker.run().catch((err) => {
      logger.error("[customer-backoffice] schedule worker stopped", err)
    })
  }

  /** One tick of a schedule: enqueues its job (once per key). */
  async tick(job: Job): Promise<Record<string, unknown>> {
    const def = this.deps.registry.listSchedules().find((d) => d.name === job.name)
    if (!def) {
      return { skipped: "no such schedule" }
    }
    // Repeatable job ids end with the tick's planned time (ms).
    const planned = Number(/:(\d+)$/.exec(job.id ?? "")?.[1])
    const firedAt = new Date(Number.isFinite(planned) && planned > 0 ? planned : Date.now())
    const { job: record, created } = await this.deps.enqueue({
      type: def.type,
      key: def.keyFor ? def.keyFor(firedAt) : dailyKey(def.type, firedAt),
      payload: def.payload ? def.payload(firedAt) : { scheduled_for: firedAt.toISOString() },
      created_by: null,
    })
    return { job_id: record.id, created }
  }

  /** The registered ticks with their next run. */
  async list(): Promise<ScheduleStatus[]> {
    const defs = this.deps.registry.listSchedules()
    const repeatables = await this.queue().getRepeatableJobs()
    return repeatables.map((r) => ({
      name: r.name,
      type: defs.find((d) => d.name === r.name)?.type ?? "",
      pattern: r.pattern ?? "",
      tz: r.tz ?? "UTC",
      next: r.next ? new Date(r.next).toISOString() : null,
    }))
  }

  /** Stops turning ticks into jobs (the ticks stay registered in Redis). */
  async stop(): Promise<void> {
    const worker = this.worker
    this.worker = null
    await worker?.close().catch(() => undefined)
  }
}
