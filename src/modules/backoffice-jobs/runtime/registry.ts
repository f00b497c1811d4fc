import type { MedusaContainer } from "@medusajs/framework/types"
import type { QueueName } from "../../../lib/options"

export type JobCounts = {
  processed?: number
  total?: number
  succeeded?: number
  failed?: number
  [key: string]: number | undefined
}

export type ProgressUpdate = JobCounts & {
  /** 0..100; computed from processed/total when omitted */
  percent?: number
  message?: string
}

export type JobLogger = {
  info(msg: string): void
  warn(msg: string): void
  error(msg: string, err?: unknown): void
}

export type JobContext<P = Record<string, unknown>, C = unknown> = {
  job: {
    id: string
    type: string
    key: string
    payload: P
    /** 1 for the first attempt, including attempts taken over from a dead worker */
    attempt: number
    created_by: string | null
    /** What the last attempt saved with `saveCheckpoint`, or null */
    checkpoint: C | null
  }
  /** The application container: resolve modules, run workflows. */
  container: MedusaContainer
  /** Aborted when an admin cancels the job or the worker shuts down. */
  signal: AbortSignal
  /** Throws JobCancelledError when the job was cancelled. */
  throwIfCancelled(): void
  /** Reports progress; cheap to call often (writes are throttled). */
  progress(update: ProgressUpdate): Promise<void>
  /** Persists where a resumed attempt should continue from. */
  saveCheckpoint(value: C): Promise<void>
  logger: JobLogger
}

export type JobDefinition<P = any, C = any> = {
  /** Unique job type, e.g. `customer_import.commit` */
  type: string
  queue: QueueName
  /** Attempts before the job is failed (default: plugin option jobAttempts). */
  attempts?: number
  /** A short label for the admin, e.g. "Import customers" */
  label: string
  run(ctx: JobContext<P, C>): Promise<Record<string, unknown> | void>
}

/** Marks what `defineJob` / `defineSchedule` return, so a job file's other exports are ignored. */
const JOB_KIND = "customer-backoffice.job"
const SCHEDULE_KIND = "customer-backoffice.schedule"

/**
 * Declares a background job type. A file in the plugin's `workers/` folder
 * exports what this returns; the jobs module registers every such export
 * when the application loads (see loaders/job-definitions.ts).
 */
export function defineJob<P = any, C = any>(
  definition: JobDefinition<P, C>
): JobDefinition<P, C> {
  return Object.assign(definition, { kind: JOB_KIND })
}

export class JobCancelledError extends Error {
  constructor() {
    super("The job was cancelled")
    this.name = "JobCancelledError"
  }
}

/** Thrown by a processor for an error that retrying cannot fix. */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message)
    this.name = "PermanentJobError"
  }
}

/**
 * A recurring background job: on each tick of `pattern` (cron, UTC) the job
 * runtime enqueues a job of `type` with the key `keyFor(firedAt)` — one per
 * UTC day by default, so several worker instances or a re-fired tick still
 * run the work once. Ticks are BullMQ repeatable jobs, registered only where
 * workers run; a changed pattern replaces the old one, `null` removes it.
 */
export type ScheduleDefinition = {
  /** Unique name (the repeatable job's name). */
  name: string
  /** The job type each tick enqueues. */
  type: string
  /** Cron pattern (5 fields, or 6 with seconds) in UTC; null turns the schedule off. */
  pattern(options: import("../../../lib/options").PluginOptions): string | null
  /** Key of the job a tick enqueues (default: `<type>:<YYYY-MM-DD>` of the tick in UTC). */
  keyFor?(firedAt: Date): string
  /** Payload of the job a tick enqueues (default: `{ scheduled_for }`). */
  payload?(firedAt: Date): Record<string, unknown>
}

export function defineSchedule(definition: ScheduleDefinition): ScheduleDefinition {
  return Object.assign(definition, { kind: SCHEDULE_KIND })
}

const isJob = (v: unknown): v is JobDefinition =>
  !!v && (v as { kind?: string }).kind === JOB_KIND && typeof (v as JobDefinition).run === "function"

const isSchedule = (v: unknown): v is ScheduleDefinition =>
  !!v && (v as { kind?: string }).kind === SCHEDULE_KIND

/**
 * The job types and schedules one application knows: filled when the
 * application loads, read when a job is enqueued, processed or scheduled.
 */
export class JobRegistry {
  private readonly jobs = new Map<string, JobDefinition>()
  private readonly schedules = new Map<string, ScheduleDefinition>()

  /** Registers job and schedule definitions (a later one of the same type or name wins). */
  add(...definitions: (JobDefinition | ScheduleDefinition)[]): this {
    for (const d of definitions) {
      if (isJob(d)) this.jobs.set(d.type, d)
      else if (isSchedule(d)) this.schedules.set(d.name, d)
      else throw new Error("not a job or schedule definition (use defineJob / defineSchedule)")
    }
    return this
  }

  /** Registers the definitions among a file's exports; returns how many. */
  addExports(fileExports: Record<string, unknown>): number {
    const found = Object.values(fileExports).filter(
      (v): v is JobDefinition | ScheduleDefinition => isJob(v) || isSchedule(v)
    )
    this.add(...found)
    return found.length
  }

  job(type: string): JobDefinition | undefined {
    return this.jobs.get(type)
  }

  listJobs(): JobDefinition[] {
    return [...this.jobs.values()]
  }

  listSchedules(): ScheduleDefinition[] {
    return [...this.schedules.values()]
  }
}

/** The default per-day key of a scheduled job. */
export function dailyKey(type: string, firedAt: Date): string {
  return `${type}:${firedAt.toISOString().slice(0, 10)}`
}
