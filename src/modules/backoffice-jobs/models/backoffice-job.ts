import { model } from "@medusajs/framework/utils"

import { JOB_STATUSES } from "../../../types/enums"

export { JOB_STATUSES, type JobStatus } from "../../../types/enums"

/**
 * The durable record of one background job. BullMQ carries only this
 * record's id; everything an admin sees (status, progress, counts, error,
 * who started it) lives here, so it survives a Redis flush.
 */
const BackofficeJob = model
  .define("backoffice_job", {
    id: model.id({ prefix: "bojob" }).primaryKey(),
    type: model.text(),
    queue: model.text(),
    /** Deterministic identity of the work: the same key is never enqueued twice. */
    key: model.text(),
    status: model.enum([...JOB_STATUSES]).default("queued"),
    /** 0..100 */
    progress: model.number().default(0),
    /** processed / total / succeeded / failed and feature-specific counters */
    counts: model.json().default({}),
    message: model.text().nullable(),
    payload: model.json().default({}),
    result: model.json().nullable(),
    /** Where a resumed run continues from (written by the processor). */
    checkpoint: model.json().nullable(),
    error: model.text().nullable(),
    attempts: model.number().default(0),
    max_attempts: model.number().default(3),
    /** Incremented by a manual retry; part of the BullMQ job id. */
    run: model.number().default(1),
    /** Fencing token of the attempt that currently owns the job. */
    lease: model.text().nullable(),
    worker: model.text().nullable(),
    created_by: model.text().nullable(),
    cancel_requested_at: model.dateTime().nullable(),
    started_at: model.dateTime().nullable(),
    finished_at: model.dateTime().nullable(),
  })
  .indexes([
    { on: ["key"], unique: true, where: "deleted_at IS NULL" },
    { on: ["type", "status"] },
    { on: ["status", "created_at"] },
  ])

export default BackofficeJob
