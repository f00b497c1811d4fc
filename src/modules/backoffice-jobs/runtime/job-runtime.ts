import type { Job } from "bullmq"
import { randomUUID } from "crypto"
import { hostname } from "os"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { MedusaContainer } from "@medusajs/framework/types"
import { QUEUE_NAMES, type PluginOptions, type QueueName } from "../../../lib/options"
import { JobCommands, type EnqueueInput } from "./commands"
import { RedisConnections } from "./connections"
import { JobStore, type JobRow } from "./job-store"
import { JobProcessor } from "./processor"
import type { JobLogger, JobRegistry } from "./registry"
import { Schedules, type ScheduleStatus } from "./schedules"
import { redactRedisUrl } from "./redis"

export { JobsUnavailableError } from "./connections"
export { JOB_TABLE, bullJobId, jobKeyFor, type JobRow } from "./job-store"
export { SCHEDULE_QUEUE, type ScheduleStatus } from "./schedules"

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

/**
 * The background jobs of the plugin, put together from four parts:
 *
 * - connections.ts — Redis, the BullMQ queues (in every process, so a
 *   `server` instance can enqueue) and what to say when Redis is down;
 * - job-store.ts — the job records in PostgreSQL (BullMQ carries only ids);
 * - commands.ts — enqueue (once per key), cancel, retry;
 * - processor.ts — the workers (not in `server` mode): leases, progress,
 *   checkpoints, cancellation; schedules.ts — the recurring ticks.
 *
 * This class only decides when each part starts and stops.
 */
export class JobRuntime {
  readonly workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`
  private readonly connections: RedisConnections
  private readonly store: JobStore
  private readonly commands: JobCommands
  private readonly processor: JobProcessor
  private readonly schedules: Schedules
  private wantWorkers = false

  constructor(private readonly deps: RuntimeDeps) {
    const { options, logger, registry } = deps
    this.connections = new RedisConnections({
      options,
      logger,
      onReady: () => (this.wantWorkers ? this.startWorkersNow() : Promise.resolve()),
    })
    this.store = new JobStore(deps.pg)
    this.processor = new JobProcessor({
      options,
      logger,
      registry,
      store: this.store,
      connections: this.connections,
      workerId: this.workerId,
      appContainer: deps.appContainer,
    })
    this.commands = new JobCommands({
      options,
      logger,
      registry,
      store: this.store,
      connections: this.connections,
      abortLocal: (id) => this.processor.abort(id),
    })
    this.schedules = new Schedules({
      options,
      logger,
      registry,
      connections: this.connections,
      enqueue: (input) => this.commands.enqueue(input),
    })
  }

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

  get workerMode(): WorkerMode {
    return this.deps.workerMode
  }

  get runsWorkers(): boolean {
    return this.deps.workerMode !== "server"
  }

  // ---------------------------------------------------------------- lifecycle

  /** Connects (once) and logs what is wrong with Redis, if anything. */
  connect(): Promise<void> {
    return this.connections.connect()
  }

  /**
   * Called when the application has started: connects and, unless the
   * instance is in `server` mode, starts the workers.
   */
  async start(): Promise<void> {
    this.wantWorkers = this.runsWorkers
    await this.connections.connect()
    if (this.connections.ready && this.wantWorkers) {
      await this.startWorkersNow()
    }
  }

  private async startWorkersNow() {
    if (!this.connections.ready || !(await this.processor.start())) {
      return
    }
    await this.commands.requeueLostJobs()
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
    await Promise.all([this.processor.stop(), this.schedules.stop()])
  }

  /** Closes workers, queues and every Redis connection the runtime opened. */
  async close(): Promise<void> {
    await this.drain()
    await this.connections.close()
  }

  status(): RuntimeStatus {
    return {
      redis: this.connections.redisStatus,
      redis_url: redactRedisUrl(this.options.redisUrl),
      worker_mode: this.workerMode,
      workers_running: this.processor.running,
      queues: [...QUEUE_NAMES],
      warnings: this.connections.warnings,
      message: this.connections.ready ? null : this.connections.unavailableMessage(),
    }
  }

  /** Throws JobsUnavailableError unless Redis is connected. */
  assertAvailable(): Promise<void> {
    return this.connections.assertAvailable()
  }

  // ------------------------------------------------------------------ jobs

  /**
   * Creates the job record (or finds the one with the same key) and puts it
   * on its queue. Enqueueing the same key twice returns the first record.
   */
  enqueue(input: EnqueueInput): Promise<{ job: JobRow; created: boolean }> {
    return this.commands.enqueue(input)
  }

  cancel(id: string): Promise<JobRow> {
    return this.commands.cancel(id)
  }

  retry(id: string): Promise<JobRow> {
    return this.commands.retry(id)
  }

  /** The BullMQ processor: runs one attempt of one job. */
  process(bullJob: Job<{ id: string }>): Promise<Record<string, unknown>> {
    return this.processor.process(bullJob)
  }

  // ------------------------------------------------------------- schedules

  /** Registers the schedules' ticks where workers run (see Schedules.sync). */
  async syncSchedules(): Promise<void> {
    if (!this.runsWorkers || !this.connections.ready) {
      return
    }
    await this.schedules.sync()
  }

  /** One tick of a schedule: enqueues its job (once per key). */
  tick(job: Job): Promise<Record<string, unknown>> {
    return this.schedules.tick(job)
  }

  /** The registered ticks with their next run (empty while Redis is unreachable). */
  async listSchedules(): Promise<ScheduleStatus[]> {
    if (!this.connections.ready) {
      return []
    }
    return this.schedules.list()
  }
}
