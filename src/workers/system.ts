import { setTimeout as sleep } from "timers/promises"
import { defineJob } from "../modules/backoffice-jobs/runtime/registry"

export type DiagnosticPayload = {
  /** Number of steps (default 5). */
  steps?: number
  /** Milliseconds each step takes (default 200). */
  step_ms?: number
  /** A label that makes the job's key unique, e.g. a timestamp. */
  nonce?: string
}

/**
 * "Check background jobs": a harmless job an admin runs from the Background
 * jobs page to see that worker instances are alive and processing. It
 * reports progress per step and resumes from its checkpoint when a worker
 * dies under it, like every long job of the plugin.
 */
export const diagnosticJob = defineJob<DiagnosticPayload, { done: number }>({
  type: "system.diagnostic",
  label: "Background jobs check",
  queue: "system",
  async run(ctx) {
    const steps = Math.max(1, Math.min(10_000, ctx.job.payload.steps ?? 5))
    const stepMs = Math.max(0, Math.min(60_000, ctx.job.payload.step_ms ?? 200))
    let done = ctx.job.checkpoint?.done ?? 0
    const resumedAt = done
    while (done < steps) {
      ctx.throwIfCancelled()
      await sleep(stepMs)
      done++
      await ctx.saveCheckpoint({ done })
      await ctx.progress({ processed: done, total: steps })
    }
    return {
      steps,
      resumed_from: resumedAt,
      attempt: ctx.job.attempt,
      finished_by: process.pid,
    }
  },
})
