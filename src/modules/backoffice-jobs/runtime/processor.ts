import { Job, UnrecoverableError, Worker } from "bullmq"
import { randomUUID } from "crypto"
import type { MedusaContainer } from "@medusajs/framework/types"
import { QUEUE_NAMES, concurrencyFor, type PluginOptions } from "../../../lib/options"
import type { RedisConnections } from "./connections"
import { FINISHED, type JobStore } from "./job-store"
import {
  JobCancelledError,
  PermanentJobError,
  type JobContext,
  type JobLogger,
  type JobRegistry,
  type ProgressUpdate,
} from "./registry"

const PROGRESS_WRITE_INTERVAL_MS = 500
const CANCEL_POLL_MS = 1_000

type ProcessorDeps = {
  options: PluginOptions
  logger: JobLogger
  registry: JobRegistry
  store: JobStore
  connections: RedisConnections
  workerId: string
  /** The application container handed to job code. */
  appContainer: () => MedusaContainer
}

/**
 * Where workers run: one BullMQ worker per queue, each attempt of a job
 * taken with a lease (fencing token) so only its holder may write the
 * record, progress written at most every 500 ms, and cancellation noticed
 * within a second (a poll of the records of the jobs running here).
 */
export class JobProcessor {
  private workers = new Map<string, Worker>()
  private active = new Map<string, { controller: AbortController; lease: string }>()
  private cancelTimer: NodeJS.Timeout | null = null

  constructor(private readonly deps: ProcessorDeps) {}

  get running(): boolean {
    return this.workers.size > 0
  }

  /** Starts the workers (no-op when they run); false when it did nothing. */
  async start(): Promise<boolean> {
    const { options, connections, logger } = this.deps
    if (this.workers.size) {
      return false
    }
    const connection = connections.workerConnection()
    for (const name of QUEUE_NAMES) {
      const worker = new Worker(name, (job) => this.process(job), {
        connection,
        prefix: options.queuePrefix,
        concurrency: concurrencyFor(options, name),
        lockDuration: options.lockDurationMs,
        stalledInterval: options.stalledIntervalMs,
        maxStalledCount: 2,
        autorun: false,
      })
      worker.on("error", (err) => connections.logRedisError(`worker ${name}`, err))
      this.workers.set(name, worker)
    }
    // Ready before running: a worker closed while still connecting emits
    // errors nobody listens to any more.
    await Promise.all([...this.workers.values()].map((w) => w.waitUntilReady()))
    for (const [name, worker] of this.workers) {
      // run() resolves only when the worker closes.
      void worker.run().catch((err) => {
        logger.error(`[customer-backoffice] worker ${name} stopped`, err)
      })
    }
    this.cancelTimer = setInterval(() => void this.pollCancellations(), CANCEL_POLL_MS)
    this.cancelTimer.unref()
    return true
  }

  /** Stops taking jobs and waits for the running attempts to finish. */
  async stop(): Promise<void> {
    const workers = [...this.workers.values()]
    this.workers.clear()
    await Promise.all(workers.map((w) => w.close()))
    if (this.cancelTimer) {
      clearInterval(this.cancelTimer)
      this.cancelTimer = null
    }
  }

  /** Stops the attempt of `id` running in this process, if any. */
  abort(id: string) {
    this.active.get(id)?.controller.abort()
  }

  private async pollCancellations() {
    if (!this.active.size) {
      return
    }
    try {
      for (const id of await this.deps.store.cancelRequested([...this.active.keys()])) {
        this.abort(id)
      }
    } catch {
      // the next poll tries again
    }
  }

  /** The BullMQ processor: runs one attempt of one job. */
  async process(bullJob: Job<{ id: string }>): Promise<Record<string, unknown>> {
    const { store, registry, workerId } = this.deps
    const id = bullJob.data.id
    const attempt = (bullJob.attemptsStarted ?? bullJob.attemptsMade + 1) || 1
    const lease = `${workerId}:${attempt}:${randomUUID().slice(0, 8)}`
    const run = Number(/-r(\d+)$/.exec(bullJob.id ?? "")?.[1] ?? 0)

    const row = await store.take({ id, run, lease, worker: workerId, attempt })
    if (!row) {
      return this.skip(id, run)
    }
    const def = registry.job(row.type)
    if (!def) {
      await store.finish(row.id, lease, {
        status: "failed",
        error: `No processor is registered for job type "${row.type}"`,
      })
      throw new UnrecoverableError(`No processor for ${row.type}`)
    }

    const controller = new AbortController()
    this.active.set(id, { controller, lease })
    const counts: Record<string, number> = { ...(row.counts ?? {}) }
    let percent = row.progress ?? 0
    let message: string | null = null
    // The first write comes after one interval: short jobs write progress once, at the end.
    let lastWrite = Date.now()
    const pending: { write: Promise<void> | null } = { write: null }

    const writeProgress = async () => {
      lastWrite = Date.now()
      await store.writeProgress(id, lease, { progress: percent, counts, message })
      await bullJob.updateProgress(percent).catch(() => undefined)
    }

    const ctx: JobContext = {
      job: {
        id,
        type: row.type,
        key: row.key,
        payload: row.payload ?? {},
        attempt,
        created_by: row.created_by,
        checkpoint: (row.checkpoint as never) ?? null,
      },
      container: this.deps.appContainer(),
      signal: controller.signal,
      throwIfCancelled: () => {
        if (controller.signal.aborted) {
          throw new JobCancelledError()
        }
      },
      progress: async (update: ProgressUpdate) => {
        for (const [k, v] of Object.entries(update)) {
          if (typeof v === "number" && k !== "percent") {
            counts[k] = v
          }
        }
        if (typeof update.message === "string") {
          message = update.message
        }
        if (typeof update.percent === "number") {
          percent = update.percent
        } else if (counts.total) {
          percent = ((counts.processed ?? 0) * 100) / counts.total
        }
        percent = Math.max(0, Math.min(100, Math.floor(percent)))
        if (Date.now() - lastWrite >= PROGRESS_WRITE_INTERVAL_MS && !pending.write) {
          pending.write = writeProgress().finally(() => {
            pending.write = null
          })
          await pending.write
        }
      },
      saveCheckpoint: async (value: unknown) => {
        await store.saveCheckpoint(id, lease, value, { progress: percent, counts })
      },
      logger: this.deps.logger,
    }

    try {
      const result = (await def.run(ctx)) ?? {}
      if (pending.write) {
        await pending.write
      }
      const cancelled = controller.signal.aborted && (await store.isCancelRequested(id))
      await store.finish(id, lease, {
        status: cancelled ? "cancelled" : "completed",
        progress: cancelled ? percent : 100,
        counts,
        result,
        message: cancelled ? "Cancelled by an admin" : message,
      })
      return result
    } catch (err) {
      if (pending.write) {
        await pending.write.catch(() => undefined)
      }
      if (err instanceof JobCancelledError || (controller.signal.aborted && (await store.isCancelRequested(id)))) {
        await store.finish(id, lease, {
          status: "cancelled",
          progress: percent,
          counts,
          message: "Cancelled by an admin",
        })
        return { cancelled: true }
      }
      const e = err as Error
      const permanent = e instanceof PermanentJobError || e instanceof UnrecoverableError
      const attemptsLeft = !permanent && bullJob.attemptsMade + 1 < (bullJob.opts.attempts ?? 1)
      await store.finish(id, lease, {
        status: attemptsLeft ? "retrying" : "failed",
        progress: percent,
        counts,
        error: e?.message || String(err),
        message: attemptsLeft ? `Attempt ${attempt} failed; retrying` : message,
        keepOpen: attemptsLeft,
      })
      if (permanent && !(e instanceof UnrecoverableError)) {
        throw new UnrecoverableError(e.message)
      }
      throw err
    } finally {
      this.active.delete(id)
    }
  }

  /** Explains (and settles) a job that could not be taken. */
  private async skip(id: string, run: number): Promise<Record<string, unknown>> {
    const row = await this.deps.store.read(id)
    if (!row) {
      return { skipped: "record missing" }
    }
    if (row.run === run && row.cancel_requested_at && !FINISHED.includes(row.status)) {
      await this.deps.store.finish(row.id, null, {
        status: "cancelled",
        message: "Cancelled before it started",
      })
      return { cancelled: true }
    }
    // Already finished (enqueued twice, or a stale run): nothing to do.
    return { skipped: row.status }
  }
}
