import { defineJob } from "../modules/backoffice-jobs/runtime/registry"
import { CUSTOMER_DUPLICATES_MODULE } from "../modules/customer-duplicates"
import type CustomerDuplicatesModuleService from "../modules/customer-duplicates/service"
import type { ScanMode } from "../modules/customer-duplicates/service"
import { DUPLICATES_SCAN_JOB } from "../types/duplicates"

export { DUPLICATES_SCAN_JOB }

export type ScanPayload = {
  /** Default: incremental when a scan has completed before, else full. */
  mode?: ScanMode
  /** Customers per chunk (default 2,000). */
  chunk_size?: number
  trigger?: "admin" | "schedule"
}

type Checkpoint = {
  scan_id: string
  mode: ScanMode
  since: string | null
  started_at: string
  /** 1: normalise and key the customers; 2: find and score their pairs. */
  phase: 1 | 2
  /** Last customer id done in the current phase. */
  after: string
  done: number
  pairs: number
}

/**
 * Finds possible duplicate customers. Two passes over the customers it
 * looks at (all of them, or after a first completed scan only those changed
 * since the last scan started), chunk by chunk, each chunk one transaction
 * of set-based SQL: (1) normalised values, fingerprints and blocking keys;
 * (2) candidate pairs that share a blocking key, scored and stored, stale
 * pairs of the chunk removed. A checkpoint after every chunk: a resumed
 * attempt goes on from the last chunk done.
 */
export const scanDuplicatesJob = defineJob<ScanPayload, Checkpoint>({
  type: DUPLICATES_SCAN_JOB,
  label: "Find duplicate customers",
  queue: "duplicates",
  async run(ctx) {
    const svc = ctx.container.resolve(CUSTOMER_DUPLICATES_MODULE) as CustomerDuplicatesModuleService
    const chunk = Math.max(100, Math.min(20_000, ctx.job.payload.chunk_size ?? 2_000))
    let cp = ctx.job.checkpoint
    if (!cp) {
      const last = await svc.lastCompletedScan()
      const mode: ScanMode = ctx.job.payload.mode ?? (last ? "incremental" : "full")
      const since = mode === "incremental" ? last : null
      const startedAt = new Date()
      const scan = await svc.createDuplicateScans({
        job_id: ctx.job.id,
        mode: since ? "incremental" : "full",
        since,
        started_at: startedAt,
      })
      cp = {
        scan_id: scan.id,
        mode: scan.mode as ScanMode,
        since: since?.toISOString() ?? null,
        started_at: startedAt.toISOString(),
        phase: 1,
        after: "",
        done: 0,
        pairs: 0,
      }
      await ctx.saveCheckpoint(cp)
    }
    const since = cp.since ? new Date(cp.since) : null
    const total = await svc.countDrivers(cp.mode, since)
    const report = () =>
      ctx.progress({
        processed: cp!.done,
        total: Math.max(total * 2, cp!.done),
        succeeded: cp!.done,
        failed: 0,
        pairs: cp!.pairs,
      })
    await report()
    while (cp.phase <= 2) {
      ctx.throwIfCancelled()
      const ids = await svc.drivers(cp.mode, since, cp.after, chunk)
      if (!ids.length) {
        if (cp.phase === 2) break
        await svc.analyzeScanTables()
        cp = { ...cp, phase: 2, after: "" }
        await ctx.saveCheckpoint(cp)
        continue
      }
      if (cp.phase === 1) {
        await svc.refreshSubjects(ids, cp.scan_id)
      } else {
        cp.pairs += await svc.pairChunk(ids, cp.scan_id, cp.mode === "full")
      }
      cp = { ...cp, after: ids[ids.length - 1], done: cp.done + ids.length }
      await ctx.saveCheckpoint(cp)
      await report()
    }
    if (cp.mode === "full") {
      await svc.finishFullScan(cp.scan_id, new Date(cp.started_at))
    }
    const customers = Math.round(cp.done / 2)
    await svc.updateDuplicateScans({
      id: cp.scan_id,
      status: "completed",
      finished_at: new Date(),
      customers,
      pairs: cp.pairs,
    })
    return { scan_id: cp.scan_id, mode: cp.mode, customers, pairs: cp.pairs }
  },
})
