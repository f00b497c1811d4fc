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

const REGISTRY = Symbol.for("medusa-customer-backoffice.job-definitions")

function registry(): Map<string, JobDefinition> {
  const g = globalThis as unknown as Record<symbol, Map<string, JobDefinition>>
  if (!g[REGISTRY]) {
    g[REGISTRY] = new Map()
  }
  return g[REGISTRY]
}

/**
 * Declares a background job type. Files in src/workers call this at import
 * time; the job runtime looks definitions up by type when it enqueues and
 * when a worker picks a job.
 */
export function defineJob<P = any, C = any>(
  definition: JobDefinition<P, C>
): JobDefinition<P, C> {
  registry().set(definition.type, definition as JobDefinition)
  return definition
}

export function getJobDefinition(type: string): JobDefinition | undefined {
  return registry().get(type)
}

export function listJobDefinitions(): JobDefinition[] {
  return [...registry().values()]
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
