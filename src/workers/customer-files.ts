import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { defineJob, defineSchedule } from "../modules/backoffice-jobs/runtime/registry"
import { findExpiredBackups, findExpiredExports, retentionCutoff } from "../lib/customer-io/retention"
import { importService } from "../workflows/customer-import/context"
import { expireCustomerFilesWorkflow } from "../workflows/customer-io/expire-files"

export const EXPIRE_FILES_JOB = "customer_files.expire"

export type ExpireFilesPayload = {
  /** The moment ages are measured from (ISO); default when the job first runs. */
  now?: string
  scheduled_for?: string
  trigger?: "schedule" | "admin"
}

const PAGE = 100

/**
 * Deletes export files older than `exportRetentionDays` and import backups
 * whose import can no longer be undone (see src/lib/customer-io/retention.ts),
 * 100 files per workflow run; the records stay and show "File expired".
 * Running it again deletes nothing more.
 */
export const expireFilesJob = defineJob<ExpireFilesPayload>({
  type: EXPIRE_FILES_JOB,
  label: "Delete expired export files",
  queue: "exports",
  async run(ctx) {
    const options = importService(ctx.container).options
    const now = new Date(ctx.job.payload.now ?? new Date().toISOString())
    const cutoff = retentionCutoff(now, options.exportRetentionDays)
    if (!cutoff) return { exports: 0, backups: 0, kept_forever: true }
    const knex: Knex = ctx.container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
    let exports = 0
    let backups = 0
    for (;;) {
      ctx.throwIfCancelled()
      const expiredExports = await findExpiredExports(knex, cutoff, PAGE)
      const expiredBackups = await findExpiredBackups(knex, now, cutoff, PAGE)
      if (!expiredExports.length && !expiredBackups.length) break
      await expireCustomerFilesWorkflow(ctx.container).run({
        input: { exports: expiredExports, backups: expiredBackups, expired_at: new Date().toISOString() },
      })
      exports += expiredExports.length
      backups += expiredBackups.length
      await ctx.progress({ processed: exports + backups, total: exports + backups })
    }
    return { exports, backups, cutoff: cutoff.toISOString() }
  },
})

/** Daily at 03:45 UTC; off when `exportRetentionDays` is 0 (files are kept forever). */
export const expireFilesSchedule = defineSchedule({
  name: "customer_files.expire.daily",
  type: EXPIRE_FILES_JOB,
  pattern: (options) => (options.exportRetentionDays > 0 ? "45 3 * * *" : null),
  payload: (firedAt) => ({ now: firedAt.toISOString(), trigger: "schedule" }),
})
