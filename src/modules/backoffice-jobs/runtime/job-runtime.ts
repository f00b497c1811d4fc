import { Job, Queue, UnrecoverableError, Worker } from "bullmq"
import IORedis from "ioredis"
import { createHash, randomUUID } from "crypto"
import { hostname } from "os"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { MedusaContainer } from "@medusajs/framework/types"
import { generateEntityId } from "@medusajs/framework/utils"
import {
  QUEUE_NAMES,
  concurrencyFor,
  type PluginOptions,
  type QueueName,
} from "../../../lib/options"
import {
  JobCancelledError,
  PermanentJobError,
  dailyKey,
  type JobContext,
  type JobRegistry,
  type JobLogger,
  type ProgressUpdate,
} from "./registry"
import {
  BULLMQ_CONNECTION_OPTIONS,
  probeRedis,
  redactRedisUrl,
  workerConnectionOptions,
} from "./redis"

export const JOB_TABLE = "backoffice_job"
/** The BullMQ queue holding the repeatable ticks of `defineSchedule`. */
export const SCHEDULE_QUEUE = "schedules"

export type ScheduleStatus = {
  name: string
  type: string
  pattern: string
  tz: string
  next: string | null
}

export type WorkerMode = "shared" | "worker" | "server"

export type RuntimeStatus = {
  redis: "connected" | "unavailable" | "connecting"
  redis_url: string
  worker_mode: WorkerMode
  workers_running: boolean
  queues: QueueName[]
  warnings: string[]
  message: string | null
}

export class JobsUnavailableError extends Error {
  readonly status = 503
  constructor(message: string) {
    super(message)
    this.name = "JobsUnavailableError"
  }
}

type RuntimeDeps = {
  options: PluginOptions
  logger: JobLogger & { debug?(msg: string): void }
  pg: Knex
  /** The job types and schedules this application registered. */
  registry: JobRegistry
  workerMode: WorkerMode
  /** The application container handed to processors. */
  appContainer: () => MedusaContainer
}

type JobRow = {
  id: string
  type: string
  queue: string
  key: string
  status: string
  progress: number
  counts: Record<string, number>
  payload: Record<string, unknown>
  checkpoint: unknown
  attempts: number
  max_attempts: number
  run: number
  lease: string | null
  created_by: string | null
  cancel_requested_at: Date | null
}

const FINISHED = ["completed", "failed", "cancelled"]
const PROGRESS_WRITE_INTERVAL_MS = 500
const CANCEL_POLL_MS = 1_000
const REPROBE_MS = 15_000
const REDIS_OP_TIMEOUT_MS = 5_000

function stableStringify(value: unknown): string {
  if (value === null || typeof value !== "object") {
    return JSON.stringify(value)
  }
  if (Array.isArray(value)) {
    return `[${value.map(stableStringify).join(",")}]`
  }
  const obj = value as Record<string, unknown>
  return `{${Object.keys(obj)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stableStringify(obj[k])}`)
    .join(",")}}`
}

/** The deterministic key of a piece of work when the caller gives none. */
export function jobKeyFor(type: string, payload: unknown): string {
  const digest = createHash("sha256")
    .update(stableStringify(payload ?? {}))
    .digest("hex")
    .slice(0, 32)
  return `${type}:${digest}`
}

export function bullJobId(id: string, run: number) {
  return `${id}-r${run}`
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(
        () => reject(new JobsUnavailableError(`Redis did not answer (${what})`)),
        ms
      )
    }),
  ])
}

/**
 * Owns every Redis connection, BullMQ queue and worker of the plugin.
 *
 * - Queues exist in every process (so a `server` instance can enqueue);
 *   workers only when the worker mode is `shared` or `worker`.
 * - PostgreSQL holds the job record; BullMQ carries only its id.
 * - Each attempt takes a lease (fencing token); only the lease holder may
 *   finish the record, so a job taken over from a dead worker finishes once.
 */
export class JobRuntime {
  readonly workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`
  private connection: IORedis | null = null
  private queues = new Map<QueueName, Queue>()
  private workers = new Map<QueueName, Worker>()
  private scheduleQueue: Queue | null = null
  private scheduleWorker: Worker | null = null
  private state: "idle" | "connecting" | "ready" | "unavailable" | "closed" =
    "idle"
  private connectPromise: Promise<void> | null = null
  private warnings: string[] = []
  private lastError: string | null = null
  private wantWorkers = false
  private reprobeTimer: NodeJS.Timeout | null = null
  private cancelTimer: NodeJS.Timeout | null = null
  private active = new Map<string, { controller: AbortController; lease: string }>()
  private lastRedisErrorLog = 0

  constructor(private readonly deps: RuntimeDeps) {}

  get options() {
    return this.deps.options
  }

  get logger() {
    return this.deps.logger
  }

  get pg() {
    return this.deps.pg
  }

  get registry() {
    return this.deps.registry
  }

  // ---------------------------------------------------------------- lifecycle

  /** Connects (once) and logs what is wrong with Redis, if anything. */
  async connect(): Promise<void> {
    if (this.state === "ready" || this.state === "closed") {
      return
    }
    if (!this.connectPromise) {
      this.connectPromise = this.doConnect().finally(() => {
        this.connectPromise = null
      })
    }
    return this.connectPromise
  }

  private async doConnect() {
    const firstTry = this.state === "idle"
    this.state = "connecting"
    const url = this.options.redisUrl
    const probe = await probeRedis(url)
    if ((this.state as string) === "closed") {
      return
    }
    if (!probe.ok) {
      this.state = "unavailable"
      this.lastError = probe.error
      if (firstTry) {
        this.logger.error(`[customer-backoffice] ${this.unavailableMessage()}`)
      }
      this.scheduleReprobe()
      return
    }
    this.warnings = probe.warnings
    this.connection = this.newConnection("queues")
    await this.connection.connect()
    for (const name of QUEUE_NAMES) {
      const queue = new Queue(name, {
        connection: this.connection,
        prefix: this.options.queuePrefix,
      })
      queue.on("error", (err) => this.logRedisError(`queue ${name}`, err))
      this.queues.set(name, queue)
    }
    await Promise.all([...this.queues.values()].map((q) => q.waitUntilReady()))
    this.state = "ready"
    this.lastError = null
    if (firstTry) {
      for (const w of this.warnings) {
        this.logger.warn(`[customer-backoffice] ${w}`)
      }
    } else {
      this.logger.info(
        `[customer-backoffice] Redis at ${redactRedisUrl(url)} is reachable again: background jobs are enabled.`
      )
    }
    if (this.wantWorkers) {
      await this.startWorkersNow()
    }
  }

  private newConnection(role: string) {
    const conn = new IORedis(this.options.redisUrl, {
      ...BULLMQ_CONNECTION_OPTIONS,
      connectionName: `cbo-${role}`,
    })
    conn.on("error", (err) => this.logRedisError(role, err))
    return conn
  }

  private logRedisError(role: string, err: Error) {
    if (this.state === "closed") {
      return
    }
    const now = Date.now()
    if (now - this.lastRedisErrorLog > 60_000) {
      this.lastRedisErrorLog = now
      this.logger.warn(
        `[customer-backoffice] Redis error (${role}): ${err.message}`
      )
    }
  }

  private scheduleReprobe() {
    if (this.reprobeTimer || this.state === "closed") {
      return
    }
    this.reprobeTimer = setTimeout(() => {
      this.reprobeTimer = null
      void this.connect()
    }, REPROBE_MS)
    this.reprobeTimer.unref()
  }

  unavailableMessage(): string {
    return (
      `Background jobs are unavailable: Redis at ${redactRedisUrl(
        this.options.redisUrl
      )} cannot be reached (${this.lastError ?? "not connected"}). ` +
      `Start Redis, or set the plugin option "redisUrl" (or the REDIS_URL environment variable) to a reachable Redis.`
    )
  }

  get workerMode(): WorkerMode {
    return this.deps.workerMode
  }

  get runsWorkers(): boolean {
    return this.deps.workerMode !== "server"
  }

  /**
   * Called when the application has started: connects and, unless the
   * instance is in `server` mode, starts the workers.
   */
  async start(): Promise<void> {
    this.wantWorkers = this.runsWorkers
    await this.connect()
    if (this.state === "ready" && this.wantWorkers) {
      await this.startWorkersNow()
    }
  }

  private async startWorkersNow() {
    if (this.workers.size || this.state !== "ready") {
      return
    }
    // Workers get connection options, not an instance: BullMQ then owns
    // (and closes) their connections, including the blocking duplicate.
    const connection = workerConnectionOptions(this.options.redisUrl)
    for (const name of QUEUE_NAMES) {
      const worker = new Worker(name, (job) => this.process(job), {
        connection,
        prefix: this.options.queuePrefix,
        concurrency: concurrencyFor(this.options, name),
        lockDuration: this.options.lockDurationMs,
        stalledInterval: this.options.stalledIntervalMs,
        maxStalledCount: 2,
        autorun: false,
      })
      worker.on("error", (err) => this.logRedisError(`worker ${name}`, err))
      this.workers.set(name, worker)
    }
    // Ready before running: a worker closed while still connecting emits
    // errors nobody listens to any more.
    await Promise.all([...this.workers.values()].map((w) => w.waitUntilReady()))
    for (const [name, worker] of this.workers) {
      // run() resolves only when the worker closes.
      void worker.run().catch((err) => {
        this.logger.error(`[customer-backoffice] worker ${name} stopped`, err)
      })
    }
    this.cancelTimer = setInterval(() => void this.pollCancellations(), CANCEL_POLL_MS)
    this.cancelTimer.unref()
    await this.requeueLostJobs()
    try {
      await this.syncSchedules()
    } catch (err) {
      this.logger.error("[customer-backoffice] could not register the scheduled jobs", err)
    }
    this.logger.info(
      `[customer-backoffice] background workers started (${this.workerId}, mode ${this.workerMode})`
    )
  }

  /** Stops taking jobs and waits for the running ones to finish. */
  async drain(): Promise<void> {
    this.wantWorkers = false
    const workers = [...this.workers.values()]
    this.workers.clear()
    const scheduleWorker = this.scheduleWorker
    this.scheduleWorker = null
    await Promise.all([
      ...workers.map((w) => w.close()),
      scheduleWorker?.close().catch(() => undefined),
    ])
    if (this.cancelTimer) {
      clearInterval(this.cancelTimer)
      this.cancelTimer = null
    }
  }

  /** Closes workers, queues and every Redis connection the runtime opened. */
  async close(): Promise<void> {
    await this.drain()
    this.state = "closed"
    if (this.reprobeTimer) {
      clearTimeout(this.reprobeTimer)
      this.reprobeTimer = null
    }
    const queues = [...this.queues.values()]
    this.queues.clear()
    if (this.scheduleQueue) {
      queues.push(this.scheduleQueue)
      this.scheduleQueue = null
    }
    await Promise.all(queues.map((q) => q.close().catch(() => undefined)))
    const conn = this.connection
    this.connection = null
    await conn?.quit().catch(() => conn.disconnect())
  }

  status(): RuntimeStatus {
    return {
      redis:
        this.state === "ready"
          ? "connected"
          : this.state === "unavailable" || this.state === "closed"
          ? "unavailable"
          : "connecting",
      redis_url: redactRedisUrl(this.options.redisUrl),
      worker_mode: this.workerMode,
      workers_running: this.workers.size > 0,
      queues: [...QUEUE_NAMES],
      warnings: this.warnings,
      message: this.state === "ready" ? null : this.unavailableMessage(),
    }
  }

  /** Throws JobsUnavailableError unless Redis is connected. */
  async assertAvailable(): Promise<void> {
    if (this.state !== "ready") {
      await this.connect()
    }
    if (this.state !== "ready") {
      throw new JobsUnavailableError(this.unavailableMessage())
    }
  }

  queue(name: QueueName): Queue {
    const q = this.queues.get(name)
    if (!q) {
      throw new JobsUnavailableError(this.unavailableMessage())
    }
    return q
  }

  // -------------------------------------------------------------- schedules

  private getScheduleQueue(): Queue {
    if (!this.scheduleQueue) {
      if (!this.connection) {
        throw new JobsUnavailableError(this.unavailableMessage())
      }
      this.scheduleQueue = new Queue(SCHEDULE_QUEUE, {
        connection: this.connection,
        prefix: this.options.queuePrefix,
      })
      this.scheduleQueue.on("error", (err) => this.logRedisError("queue schedules", err))
    }
    return this.scheduleQueue
  }

  /**
   * Registers the repeatable tick of every `defineSchedule` (where workers
   * run), removes ticks whose pattern changed or whose schedule is gone or
   * off, and starts the worker that turns ticks into jobs.
   */
  async syncSchedules(): Promise<void> {
    if (!this.runsWorkers || this.state !== "ready") {
      return
    }
    const defs = this.registry.listSchedules()
    const queue = this.getScheduleQueue()
    await queue.waitUntilReady()
    const wanted = new Map<string, string>()
    for (const def of defs) {
      const pattern = def.pattern(this.options)
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
    if (!wanted.size || this.scheduleWorker) {
      return
    }
    const worker = new Worker(SCHEDULE_QUEUE, (job) => this.tick(job), {
      connection: workerConnectionOptions(this.options.redisUrl),
      prefix: this.options.queuePrefix,
      concurrency: 1,
      autorun: false,
    })
    worker.on("error", (err) => this.logRedisError("worker schedules", err))
    await worker.waitUntilReady()
    this.scheduleWorker = worker
    void worker.run().catch((err) => {
      this.logger.error("[customer-backoffice] schedule worker stopped", err)
    })
  }

  /** One tick of a schedule: enqueues its job (once per key). */
  async tick(job: Job): Promise<Record<string, unknown>> {
    const def = this.registry.listSchedules().find((d) => d.name === job.name)
    if (!def) {
      return { skipped: "no such schedule" }
    }
    // Repeatable job ids end with the tick's planned time (ms).
    const planned = Number(/:(\d+)$/.exec(job.id ?? "")?.[1])
    const firedAt = new Date(Number.isFinite(planned) && planned > 0 ? planned : Date.now())
    const { job: record, created } = await this.enqueue({
      type: def.type,
      key: def.keyFor ? def.keyFor(firedAt) : dailyKey(def.type, firedAt),
      payload: def.payload
        ? def.payload(firedAt)
        : { scheduled_for: firedAt.toISOString() },
      created_by: null,
    })
    return { job_id: record.id, created }
  }

  /** The registered ticks with their next run (empty where no worker runs). */
  async listSchedules(): Promise<ScheduleStatus[]> {
    if (this.state !== "ready") {
      return []
    }
    const defs = this.registry.listSchedules()
    const repeatables = await this.getScheduleQueue().getRepeatableJobs()
    return repeatables.map((r) => ({
      name: r.name,
      type: defs.find((d) => d.name === r.name)?.type ?? "",
      pattern: r.pattern ?? "",
      tz: r.tz ?? "UTC",
      next: r.next ? new Date(r.next).toISOString() : null,
    }))
  }

  // ------------------------------------------------------------- enqueueing

  /**
   * Creates the job record (or finds the one with the same key) and puts it
   * on its queue. Enqueueing the same key twice returns the first record.
   */
  async enqueue(input: {
    type: string
    payload?: Record<string, unknown>
    key?: string
    created_by?: string | null
    attempts?: number
  }): Promise<{ job: JobRow; created: boolean }> {
    const def = this.registry.job(input.type)
    if (!def) {
      throw new PermanentJobError(`Unknown job type "${input.type}"`)
    }
    await this.assertAvailable()
    const payload = input.payload ?? {}
    const key = input.key ?? jobKeyFor(input.type, payload)
    const maxAttempts = input.attempts ?? def.attempts ?? this.options.jobAttempts
    const id = generateEntityId(undefined, "bojob")

    const inserted: JobRow[] = (
      await this.pg.raw(
        `INSERT INTO ${JOB_TABLE}
           (id, type, queue, key, status, progress, counts, payload, attempts, max_attempts, run, created_by, created_at, updated_at)
         VALUES (?, ?, ?, ?, 'queued', 0, '{}'::jsonb, ?::jsonb, 0, ?, 1, ?, now(), now())
         ON CONFLICT (key) WHERE deleted_at IS NULL DO NOTHING
         RETURNING *`,
        [
          id,
          def.type,
          def.queue,
          key,
          JSON.stringify(payload),
          maxAttempts,
          input.created_by ?? null,
        ]
      )
    ).rows
    if (inserted.length) {
      const job = inserted[0]
      try {
        await this.addToQueue(job)
      } catch (e) {
        // Nothing may stay behind that claims to be queued but is not.
        await this.pg(JOB_TABLE).where({ id: job.id }).delete()
        throw e instanceof JobsUnavailableError
          ? e
          : new JobsUnavailableError(
              `Could not enqueue the job: ${(e as Error).message}`
            )
      }
      return { job, created: true }
    }
    const existing: JobRow = await this.pg(JOB_TABLE)
      .where({ key })
      .whereNull("deleted_at")
      .first()
    if (existing.status === "queued") {
      // Redis may have been flushed since: re-adding the same id is a no-op otherwise.
      await this.addToQueue(existing)
    }
    return { job: existing, created: false }
  }

  private async addToQueue(job: JobRow, delayMs = 0) {
    const queue = this.queue(job.queue as QueueName)
    await withTimeout(
      queue.add(
        job.type,
        { id: job.id },
        {
          jobId: bullJobId(job.id, job.run),
          attempts: job.max_attempts,
          backoff: { type: "exponential", delay: this.options.jobBackoffMs },
          delay: delayMs,
          removeOnComplete: { count: this.options.keepJobs },
          removeOnFail: { count: this.options.keepJobs },
        }
      ),
      REDIS_OP_TIMEOUT_MS,
      "enqueue"
    )
  }

  /** Re-adds queued jobs whose BullMQ entry is gone (e.g. Redis was flushed). */
  private async requeueLostJobs() {
    const rows: JobRow[] = await this.pg(JOB_TABLE)
      .whereIn("status", ["queued", "retrying", "active"])
      .whereNull("deleted_at")
      .orderBy("created_at", "asc")
      .limit(1000)
    let requeued = 0
    for (const row of rows) {
      const queue = this.queues.get(row.queue as QueueName)
      if (!queue) {
        continue
      }
      const existing = await queue.getJob(bullJobId(row.id, row.run))
      if (!existing) {
        await this.pg(JOB_TABLE)
          .where({ id: row.id, run: row.run })
          .whereIn("status", ["queued", "retrying", "active"])
          .update({ status: "queued", lease: null, updated_at: this.pg.fn.now() })
        await this.addToQueue(row)
        requeued++
      }
    }
    if (requeued) {
      this.logger.warn(
        `[customer-backoffice] ${requeued} unfinished job(s) were missing from Redis and were queued again`
      )
    }
  }

  // --------------------------------------------------------- admin actions

  async cancel(id: string): Promise<JobRow> {
    const row: JobRow | undefined = await this.pg(JOB_TABLE)
      .where({ id })
      .whereNull("deleted_at")
      .first()
    if (!row) {
      throw Object.assign(new Error(`Job ${id} was not found`), { notFound: true })
    }
    if (FINISHED.includes(row.status)) {
      return row
    }
    await this.assertAvailable()
    // Waiting or delayed jobs are removed from Redis and cancelled at once;
    // an active one is told to stop and finishes as cancelled.
    const bull = await this.queue(row.queue as QueueName).getJob(
      bullJobId(row.id, row.run)
    )
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
    const patch: Record<string, unknown> = {
      cancel_requested_at: this.pg.fn.now(),
      updated_at: this.pg.fn.now(),
    }
    if (removed) {
      Object.assign(patch, {
        status: "cancelled",
        finished_at: this.pg.fn.now(),
        message: "Cancelled before it started",
      })
    }
    await this.pg(JOB_TABLE)
      .where({ id })
      .whereNotIn("status", FINISHED)
      .update(patch)
    const local = this.active.get(id)
    local?.controller.abort()
    return this.pg(JOB_TABLE).where({ id }).first()
  }

  async retry(id: string): Promise<JobRow> {
    const row: JobRow | undefined = await this.pg(JOB_TABLE)
      .where({ id })
      .whereNull("deleted_at")
      .first()
    if (!row) {
      throw Object.assign(new Error(`Job ${id} was not found`), { notFound: true })
    }
    if (row.status !== "failed" && row.status !== "cancelled") {
      throw Object.assign(
        new Error(`Only failed or cancelled jobs can be retried (this one is ${row.status})`),
        { notAllowed: true }
      )
    }
    await this.assertAvailable()
    const updated: JobRow[] = (
      await this.pg.raw(
        `UPDATE ${JOB_TABLE}
            SET status = 'queued', run = run + 1, attempts = 0, error = NULL, lease = NULL,
                cancel_requested_at = NULL, finished_at = NULL, message = 'Retried by an admin',
                updated_at = now()
          WHERE id = ? AND status IN ('failed', 'cancelled')
          RETURNING *`,
        [id]
      )
    ).rows
    if (!updated.length) {
      return this.pg(JOB_TABLE).where({ id }).first()
    }
    await this.addToQueue(updated[0])
    return updated[0]
  }

  private async pollCancellations() {
    if (!this.active.size) {
      return
    }
    try {
      const ids = [...this.active.keys()]
      const rows: { id: string }[] = await this.pg(JOB_TABLE)
        .whereIn("id", ids)
        .whereNotNull("cancel_requested_at")
        .select("id")
      for (const r of rows) {
        this.active.get(r.id)?.controller.abort()
      }
    } catch {
      // the next poll tries again
    }
  }

  // ------------------------------------------------------------ processing

  /** The BullMQ processor: runs one attempt of one job. */
  async process(bullJob: Job<{ id: string }>): Promise<Record<string, unknown>> {
    const id = bullJob.data.id
    const attempt = (bullJob.attemptsStarted ?? bullJob.attemptsMade + 1) || 1
    const lease = `${this.workerId}:${attempt}:${randomUUID().slice(0, 8)}`
    const run = Number(/-r(\d+)$/.exec(bullJob.id ?? "")?.[1] ?? 0)

    // Take the job in one statement: only an unfinished, uncancelled record
    // of this run can be taken, and taking it fences out any earlier attempt.
    const taken: JobRow[] = (
      await this.pg.raw(
        `UPDATE ${JOB_TABLE}
            SET status = 'active', lease = ?, worker = ?, attempts = ?,
                started_at = COALESCE(started_at, now()), updated_at = now()
          WHERE id = ? AND run = ? AND deleted_at IS NULL
            AND status NOT IN ('completed', 'failed', 'cancelled')
            AND cancel_requested_at IS NULL
          RETURNING *`,
        [lease, this.workerId, attempt, id, run]
      )
    ).rows
    const row = taken[0]
    if (!row) {
      return this.skip(id, run)
    }
    const def = this.registry.job(row.type)
    if (!def) {
      await this.finish(row.id, lease, {
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
      await this.pg(JOB_TABLE)
        .where({ id, lease })
        .update({
          progress: percent,
          counts: JSON.stringify(counts),
          message,
          updated_at: this.pg.fn.now(),
        })
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
        await this.pg(JOB_TABLE)
          .where({ id, lease })
          .update({
            checkpoint: JSON.stringify(value),
            progress: percent,
            counts: JSON.stringify(counts),
            updated_at: this.pg.fn.now(),
          })
      },
      logger: this.logger,
    }

    try {
      const result = (await def.run(ctx)) ?? {}
      if (pending.write) {
        await pending.write
      }
      const cancelled = controller.signal.aborted && (await this.isCancelRequested(id))
      await this.finish(id, lease, {
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
      if (err instanceof JobCancelledError || (controller.signal.aborted && (await this.isCancelRequested(id)))) {
        await this.finish(id, lease, {
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
      await this.finish(id, lease, {
        status: attemptsLeft ? "retrying" : "failed",
        progress: percent,
        counts,
        error: e?.message || String(err),
        message: attemptsLeft
          ? `Attempt ${attempt} failed; retrying`
          : message,
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
    const row: JobRow | undefined = await this.pg(JOB_TABLE).where({ id }).first()
    if (!row) {
      return { skipped: "record missing" }
    }
    if (row.run === run && row.cancel_requested_at && !FINISHED.includes(row.status)) {
      await this.finish(row.id, null, {
        status: "cancelled",
        message: "Cancelled before it started",
      })
      return { cancelled: true }
    }
    // Already finished (enqueued twice, or a stale run): nothing to do.
    return { skipped: row.status }
  }

  private async isCancelRequested(id: string) {
    const row = await this.pg(JOB_TABLE).where({ id }).select("cancel_requested_at").first()
    return !!row?.cancel_requested_at
  }

  /** Writes the outcome of an attempt, only if `lease` still owns the job. */
  private async finish(
    id: string,
    lease: string | null,
    patch: {
      status: string
      progress?: number
      counts?: Record<string, number>
      result?: unknown
      error?: string | null
      message?: string | null
      keepOpen?: boolean
    }
  ) {
    const q = this.pg(JOB_TABLE).where({ id }).whereNotIn("status", FINISHED)
    if (lease) {
      q.andWhere({ lease })
    }
    const update: Record<string, unknown> = {
      status: patch.status,
      updated_at: this.pg.fn.now(),
    }
    if (patch.progress !== undefined) update.progress = patch.progress
    if (patch.counts) update.counts = JSON.stringify(patch.counts)
    if (patch.result !== undefined) update.result = JSON.stringify(patch.result)
    if (patch.error !== undefined) update.error = patch.error
    if (patch.message !== undefined) update.message = patch.message
    if (!patch.keepOpen) {
      update.finished_at = this.pg.fn.now()
      update.lease = null
    }
    return q.update(update)
  }
}
