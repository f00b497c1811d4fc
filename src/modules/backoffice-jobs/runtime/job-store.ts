import { createHash } from "crypto"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"

export const JOB_TABLE = "backoffice_job"

export type JobRow = {
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

export const FINISHED = ["completed", "failed", "cancelled"]
const UNFINISHED = ["queued", "retrying", "active"]

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

/** The BullMQ job id of one run of a job record (a retry by an admin is a new run). */
export function bullJobId(id: string, run: number) {
  return `${id}-r${run}`
}

export type FinishPatch = {
  status: string
  progress?: number
  counts?: Record<string, number>
  result?: unknown
  error?: string | null
  message?: string | null
  /** The attempt failed but another follows: keep the lease and no finish time. */
  keepOpen?: boolean
}

/**
 * The job records (table `backoffice_job`): PostgreSQL holds each job's
 * state, BullMQ only its id. Every write of an attempt is fenced by its
 * lease, so an attempt taken over from a dead worker finishes the job once.
 */
export class JobStore {
  constructor(readonly pg: Knex) {}

  /** A job that was not deleted. */
  async get(id: string): Promise<JobRow | undefined> {
    return this.pg(JOB_TABLE).where({ id }).whereNull("deleted_at").first()
  }

  /** A job as it is, deleted or not. */
  async read(id: string): Promise<JobRow | undefined> {
    return this.pg(JOB_TABLE).where({ id }).first()
  }

  async byKey(key: string): Promise<JobRow> {
    return this.pg(JOB_TABLE).where({ key }).whereNull("deleted_at").first()
  }

  /** Inserts a queued job; nothing (undefined) when a job with that key exists. */
  async insert(job: {
    id: string
    type: string
    queue: string
    key: string
    payload: Record<string, unknown>
    max_attempts: number
    created_by: string | null
  }): Promise<JobRow | undefined> {
    const inserted: JobRow[] = (
      await this.pg.raw(
        `INSERT INTO ${JOB_TABLE}
           (id, type, queue, key, status, progress, counts, payload, attempts, max_attempts, run, created_by, created_at, updated_at)
         VALUES (?, ?, ?, ?, 'queued', 0, '{}'::jsonb, ?::jsonb, 0, ?, 1, ?, now(), now())
         ON CONFLICT (key) WHERE deleted_at IS NULL DO NOTHING
         RETURNING *`,
        [
          job.id,
          job.type,
          job.queue,
          job.key,
          JSON.stringify(job.payload),
          job.max_attempts,
          job.created_by,
        ]
      )
    ).rows
    return inserted[0]
  }

  async delete(id: string) {
    await this.pg(JOB_TABLE).where({ id }).delete()
  }

  /** Unfinished jobs, oldest first. */
  async unfinished(limit: number): Promise<JobRow[]> {
    return this.pg(JOB_TABLE)
      .whereIn("status", UNFINISHED)
      .whereNull("deleted_at")
      .orderBy("created_at", "asc")
      .limit(limit)
  }

  /** Puts an unfinished run back to `queued` with no lease (its BullMQ entry was lost). */
  async markQueued(row: JobRow) {
    await this.pg(JOB_TABLE)
      .where({ id: row.id, run: row.run })
      .whereIn("status", UNFINISHED)
      .update({ status: "queued", lease: null, updated_at: this.pg.fn.now() })
  }

  /** Records an admin's cancel; `cancelledNow` when the job never started and is cancelled at once. */
  async requestCancel(id: string, cancelledNow: boolean) {
    const patch: Record<string, unknown> = {
      cancel_requested_at: this.pg.fn.now(),
      updated_at: this.pg.fn.now(),
    }
    if (cancelledNow) {
      Object.assign(patch, {
        status: "cancelled",
        finished_at: this.pg.fn.now(),
        message: "Cancelled before it started",
      })
    }
    await this.pg(JOB_TABLE).where({ id }).whereNotIn("status", FINISHED).update(patch)
  }

  /** Starts a new run of a failed or cancelled job; undefined when it is neither. */
  async reopenForRetry(id: string): Promise<JobRow | undefined> {
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
    return updated[0]
  }

  /** Of `ids`, those an admin asked to cancel. */
  async cancelRequested(ids: string[]): Promise<string[]> {
    const rows: { id: string }[] = await this.pg(JOB_TABLE)
      .whereIn("id", ids)
      .whereNotNull("cancel_requested_at")
      .select("id")
    return rows.map((r) => r.id)
  }

  async isCancelRequested(id: string): Promise<boolean> {
    const row = await this.pg(JOB_TABLE).where({ id }).select("cancel_requested_at").first()
    return !!row?.cancel_requested_at
  }

  /**
   * Takes a job for one attempt in one statement: only an unfinished,
   * uncancelled record of this run can be taken, and taking it fences out
   * any earlier attempt (the new lease).
   */
  async take(input: {
    id: string
    run: number
    lease: string
    worker: string
    attempt: number
  }): Promise<JobRow | undefined> {
    const taken: JobRow[] = (
      await this.pg.raw(
        `UPDATE ${JOB_TABLE}
            SET status = 'active', lease = ?, worker = ?, attempts = ?,
                started_at = COALESCE(started_at, now()), updated_at = now()
          WHERE id = ? AND run = ? AND deleted_at IS NULL
            AND status NOT IN ('completed', 'failed', 'cancelled')
            AND cancel_requested_at IS NULL
          RETURNING *`,
        [input.lease, input.worker, input.attempt, input.id, input.run]
      )
    ).rows
    return taken[0]
  }

  async writeProgress(
    id: string,
    lease: string,
    state: { progress: number; counts: Record<string, number>; message: string | null }
  ) {
    await this.pg(JOB_TABLE)
      .where({ id, lease })
      .update({
        progress: state.progress,
        counts: JSON.stringify(state.counts),
        message: state.message,
        updated_at: this.pg.fn.now(),
      })
  }

  async saveCheckpoint(
    id: string,
    lease: string,
    value: unknown,
    state: { progress: number; counts: Record<string, number> }
  ) {
    await this.pg(JOB_TABLE)
      .where({ id, lease })
      .update({
        checkpoint: JSON.stringify(value),
        progress: state.progress,
        counts: JSON.stringify(state.counts),
        updated_at: this.pg.fn.now(),
      })
  }

  /** Writes the outcome of an attempt, only if `lease` still owns the job (no lease: any unfinished run). */
  async finish(id: string, lease: string | null, patch: FinishPatch) {
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
