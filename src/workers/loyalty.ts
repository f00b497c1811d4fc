import { Modules } from "@medusajs/framework/utils"
import { defineJob, defineSchedule } from "../modules/backoffice-jobs/runtime/registry"
import { CUSTOMER_POINTS_MODULE } from "../modules/customer-points"
import type CustomerPointsModuleService from "../modules/customer-points/service"
import { POINTS_EXPIRED_EVENT } from "../workflows/customer-points/events"

export const EXPIRE_POINTS_JOB = "loyalty.expire_points"

export type ExpirePointsPayload = {
  /** The moment lots are compared with (ISO); default when the job first runs. */
  now?: string
  scheduled_for?: string
  /** Lots per transaction (default 5,000). */
  chunk_size?: number
  trigger?: "schedule" | "admin"
}

type Checkpoint = { now: string; processed: number; points: number; customers: number }

/**
 * Expires loyalty points past their date: chunks of lots, each in one
 * transaction with set-based SQL (see CustomerPointsModuleService.expireDue).
 * A lot is expired at most once (idempotency key per lot), so a re-run or a
 * resumed attempt adds nothing. Emits `customer_backoffice.loyalty.points_expired`
 * per customer and chunk.
 */
export const expirePointsJob = defineJob<ExpirePointsPayload, Checkpoint>({
  type: EXPIRE_POINTS_JOB,
  label: "Expire loyalty points",
  queue: "loyalty",
  async run(ctx) {
    const svc = ctx.container.resolve(CUSTOMER_POINTS_MODULE) as CustomerPointsModuleService
    const events = ctx.container.resolve(Modules.EVENT_BUS) as {
      emit(data: { name: string; data: unknown }[]): Promise<void>
    }
    const cp = ctx.job.checkpoint
    const now = new Date(cp?.now ?? ctx.job.payload.now ?? new Date().toISOString())
    const chunk = Math.max(1, Math.min(50_000, ctx.job.payload.chunk_size ?? 5_000))
    let processed = cp?.processed ?? 0
    let points = cp?.points ?? 0
    let customers = cp?.customers ?? 0
    const total = processed + (await svc.countDue(now))
    await ctx.progress({ processed, total, succeeded: processed, failed: 0 })
    for (let retries = 0; ; ) {
      ctx.throwIfCancelled()
      const res = await svc.expireDue(now, { limit: chunk, source_id: ctx.job.id })
      if (res.retry) {
        if (++retries > 20) break
        continue
      }
      if (!res.lots) break
      processed += res.lots
      points += res.points
      customers += res.customers.length
      await ctx.saveCheckpoint({ now: now.toISOString(), processed, points, customers })
      if (res.customers.length) {
        await events.emit(
          res.customers.map((c) => ({
            name: POINTS_EXPIRED_EVENT,
            data: { ...c, expired_at: now.toISOString() },
          }))
        )
      }
      await ctx.progress({
        processed,
        total: Math.max(total, processed),
        succeeded: processed,
        failed: 0,
      })
    }
    return { lots: processed, points, customers, now: now.toISOString() }
  },
})

/** Daily at `pointsExpiryCron` (UTC); one job per day whatever the number of instances. */
export const expirePointsSchedule = defineSchedule({
  name: "loyalty.expire_points.daily",
  type: EXPIRE_POINTS_JOB,
  pattern: (options) => options.pointsExpiryCron,
  payload: (firedAt) => ({ now: firedAt.toISOString(), trigger: "schedule" }),
})
