import { defineJob, defineSchedule } from "../modules/backoffice-jobs/runtime/registry"
import { monthPeriod, previousMonth } from "../lib/house-accounts/statement"
import { pgOf } from "../lib/house-accounts/statement-files"
import { generateHouseStatementWorkflow } from "../workflows/house-accounts/statements"

export const HOUSE_STATEMENTS_JOB = "house_accounts.monthly_statements"

export type HouseStatementsPayload = {
  /** "YYYY-MM": the month to state; default the month before the job first runs (UTC). */
  period?: string
  /** false: generate and store only, e-mail nothing (default true). */
  email?: boolean
  scheduled_for?: string
  trigger?: "schedule" | "admin"
}

type Checkpoint = { period: string; after: string; generated: number; skipped: number; failed: number }

const PAGE = 100

/**
 * Monthly statements: for every open house account (active or on hold),
 * the statement of the month (PDF + CSV in the private customer-file store)
 * e-mailed to its customers through the Notification module. An account
 * that already has a statement of exactly that month is skipped, so a re-run
 * or a resumed attempt sends nothing twice. A checkpoint after each account.
 */
export const houseStatementsJob = defineJob<HouseStatementsPayload, Checkpoint>({
  type: HOUSE_STATEMENTS_JOB,
  label: "House account statements",
  queue: "exports",
  async run(ctx) {
    const knex = pgOf(ctx.container)
    const payload = ctx.job.payload
    let cp: Checkpoint = ctx.job.checkpoint ?? {
      period: payload.period ?? previousMonth(new Date(payload.scheduled_for ?? Date.now())).label,
      after: "",
      generated: 0,
      skipped: 0,
      failed: 0,
    }
    const { start, end } = monthPeriod(cp.period)
    const open = () => knex.from("house_account").whereNull("deleted_at").whereIn("status", ["active", "on_hold"])
    const [{ n }] = await open().count<{ n: string }[]>({ n: "*" })
    const total = Number(n)
    const failures: { account_id: string; message: string }[] = []
    for (;;) {
      ctx.throwIfCancelled()
      const rows: { id: string }[] = await open().where("id", ">", cp.after).orderBy("id").limit(PAGE).select("id")
      if (!rows.length) break
      for (const { id } of rows) {
        ctx.throwIfCancelled()
        const [done] = await knex
          .from("house_account_statement")
          .where({ account_id: id, period_start: start, period_end: end })
          .whereNull("deleted_at")
          .select("id")
          .limit(1)
        if (done) {
          cp = { ...cp, after: id, skipped: cp.skipped + 1 }
        } else {
          try {
            await generateHouseStatementWorkflow(ctx.container).run({
              input: {
                account_id: id,
                from: start.toISOString(),
                to: end.toISOString(),
                email: payload.email !== false,
                actor_type: "system",
                actor_id: null,
              },
            })
            cp = { ...cp, after: id, generated: cp.generated + 1 }
          } catch (e) {
            // one account's failure does not stop the others; it is reported in the result
            failures.push({ account_id: id, message: (e as Error).message })
            ctx.logger.warn(`[customer-backoffice] statement of house account ${id} failed: ${(e as Error).message}`)
            cp = { ...cp, after: id, failed: cp.failed + 1 }
          }
        }
        await ctx.saveCheckpoint(cp)
        const processed = cp.generated + cp.skipped + cp.failed
        await ctx.progress({ processed, total: Math.max(total, processed), succeeded: cp.generated + cp.skipped, failed: cp.failed })
      }
    }
    return { period: cp.period, generated: cp.generated, skipped: cp.skipped, failed: cp.failed, failures: failures.slice(0, 20) }
  },
})

/** On the 1st of each month at 05:00 UTC, the statements of the month before; one job per month. */
export const houseStatementsSchedule = defineSchedule({
  name: "house_accounts.statements.monthly",
  type: HOUSE_STATEMENTS_JOB,
  pattern: () => "0 5 1 * *",
  keyFor: (firedAt) => `${HOUSE_STATEMENTS_JOB}:${previousMonth(firedAt).label}`,
  payload: (firedAt) => ({ period: previousMonth(firedAt).label, trigger: "schedule" }),
})
