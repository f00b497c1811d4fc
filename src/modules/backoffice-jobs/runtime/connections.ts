import { Queue } from "bullmq"
import IORedis, { type RedisOptions } from "ioredis"
import { QUEUE_NAMES, type PluginOptions, type QueueName } from "../../../lib/options"
import type { JobLogger } from "./registry"
import {
  BULLMQ_CONNECTION_OPTIONS,
  probeRedis,
  redactRedisUrl,
  workerConnectionOptions,
} from "./redis"

const REPROBE_MS = 15_000
const REDIS_OP_TIMEOUT_MS = 5_000

export class JobsUnavailableError extends Error {
  readonly status = 503
  constructor(message: string) {
    super(message)
    this.name = "JobsUnavailableError"
  }
}

/** Rejects with JobsUnavailableError when Redis does not answer `what` in time. */
export function withRedisTimeout<T>(p: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(
        () => reject(new JobsUnavailableError(`Redis did not answer (${what})`)),
        REDIS_OP_TIMEOUT_MS
      )
    }),
  ])
}

type ConnectionsDeps = {
  options: PluginOptions
  logger: JobLogger
  /** Called each time Redis becomes reachable (first connect or after an outage). */
  onReady(): Promise<void>
}

/**
 * The Redis side of the job runtime: one shared connection, a BullMQ queue
 * per plugin queue (in every process, so a `server` instance can enqueue),
 * and what to say when Redis cannot be reached. An unreachable Redis is
 * probed again every 15 s; the app keeps running without background jobs.
 */
export class RedisConnections {
  private state: "idle" | "connecting" | "ready" | "unavailable" | "closed" = "idle"
  private connection: IORedis | null = null
  private connectPromise: Promise<void> | null = null
  private queues = new Map<string, Queue>()
  private reprobeTimer: NodeJS.Timeout | null = null
  private lastError: string | null = null
  private lastRedisErrorLog = 0
  warnings: string[] = []

  constructor(private readonly deps: ConnectionsDeps) {}

  private get options() {
    return this.deps.options
  }

  get ready(): boolean {
    return this.state === "ready"
  }

  get closed(): boolean {
    return this.state === "closed"
  }

  get redisStatus(): "connected" | "unavailable" | "connecting" {
    return this.state === "ready"
      ? "connected"
      : this.state === "unavailable" || this.state === "closed"
      ? "unavailable"
      : "connecting"
  }

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
        this.deps.logger.error(`[customer-backoffice] ${this.unavailableMessage()}`)
      }
      this.scheduleReprobe()
      return
    }
    this.warnings = probe.warnings
    this.connection = new IORedis(url, {
      ...BULLMQ_CONNECTION_OPTIONS,
      connectionName: "cbo-queues",
    })
    this.connection.on("error", (err) => this.logRedisError("queues", err))
    await this.connection.connect()
    for (const name of QUEUE_NAMES) {
      this.openQueue(name)
    }
    await Promise.all([...this.queues.values()].map((q) => q.waitUntilReady()))
    this.state = "ready"
    this.lastError = null
    if (firstTry) {
      for (const w of this.warnings) {
        this.deps.logger.warn(`[customer-backoffice] ${w}`)
      }
    } else {
      this.deps.logger.info(
        `[customer-backoffice] Redis at ${redactRedisUrl(url)} is reachable again: background jobs are enabled.`
      )
    }
    await this.deps.onReady()
  }

  private openQueue(name: string): Queue {
    const queue = new Queue(name, {
      connection: this.connection!,
      prefix: this.options.queuePrefix,
    })
    queue.on("error", (err) => this.logRedisError(`queue ${name}`, err))
    this.queues.set(name, queue)
    return queue
  }

  /** Logs a Redis error at most once a minute (a Redis outage repeats them). */
  logRedisError(role: string, err: Error) {
    if (this.state === "closed") {
      return
    }
    const now = Date.now()
    if (now - this.lastRedisErrorLog > 60_000) {
      this.lastRedisErrorLog = now
      this.deps.logger.warn(`[customer-backoffice] Redis error (${role}): ${err.message}`)
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

  /** Throws JobsUnavailableError unless Redis is connected. */
  async assertAvailable(): Promise<void> {
    if (this.state !== "ready") {
      await this.connect()
    }
    if (this.state !== "ready") {
      throw new JobsUnavailableError(this.unavailableMessage())
    }
  }

  /** The BullMQ queue of one of the plugin's queues. */
  queue(name: QueueName): Queue {
    const q = this.queues.get(name)
    if (!q) {
      throw new JobsUnavailableError(this.unavailableMessage())
    }
    return q
  }

  /** Another queue on the shared connection, opened on first use (e.g. the schedules' ticks). */
  extraQueue(name: string): Queue {
    const q = this.queues.get(name)
    if (q) {
      return q
    }
    if (!this.connection) {
      throw new JobsUnavailableError(this.unavailableMessage())
    }
    return this.openQueue(name)
  }

  /**
   * Options for a BullMQ Worker: workers get options, not an instance, so
   * BullMQ owns (and closes) their connections, including the blocking duplicate.
   */
  workerConnection(): RedisOptions {
    return workerConnectionOptions(this.options.redisUrl)
  }

  /** Closes every queue and the shared connection; nothing reconnects afterwards. */
  async close(): Promise<void> {
    this.state = "closed"
    if (this.reprobeTimer) {
      clearTimeout(this.reprobeTimer)
      this.reprobeTimer = null
    }
    const queues = [...this.queues.values()]
    this.queues.clear()
    await Promise.all(queues.map((q) => q.close().catch(() => undefined)))
    const conn = this.connection
    this.connection = null
    await conn?.quit().catch(() => conn.disconnect())
  }
}
