import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { defineJob, defineSchedule } from "../modules/backoffice-jobs/runtime/registry"
import { refreshCustomerSalesWorkflow } from "../workflows/customer-list/workflows"

export const SALES_RECONCILE_JOB = "customer_list.sales_reconcile"

export type SalesReconcilePayload = {
  /** Customers per batch (default 1,000). */
  batch_size?: number
  scheduled_for?: string
  trigger?: "schedule" | "admin"
}

type Checkpoint = { after: string; done: number; changed: number }

/**
 * Nightly reconcile of the customer list's order columns: recomputes every
 * customer's row (removed customers too) from Medusa's order summaries, a
 * batch at a time in customer id order, with a checkpoint after each batch.
 * Fixes whatever an event missed (a lost event, an order changed by SQL, a
 * merge that moved orders, a new default currency).
 */
export const salesReconcileJob = defineJob<SalesReconcilePayload, Checkpoint>({
  type: SALES_RECONCILE_JOB,
  label: "Customer list: reconcile orders and total spent",
  queue: "exports",
  async run(ctx) {
    const knex: Knex = ctx.container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
    const size = Math.min(Math.max(ctx.job.payload.batch_size ?? 1000, 1), 10_000)
    let cp: Checkpoint = ctx.job.checkpoint ?? { after: "", done: 0, changed: 0 }
    const [{ n }] = await knex.from("customer").count<{ n: string }[]>({ n: "*" })
    const total = Number(n)
    for (;;) {
      ctx.throwIfCancelled()
      const ids: string[] = (
        await knex.from("customer").where("id", ">", cp.after).orderBy("id").limit(size).select("id")
      ).map((r: { id: string }) => r.id)
      if (!ids.length) break
      const before: { customer_id: string; order_count: number; total_spent: number; last_order_at: Date | null }[] =
        await knex
          .from("customer_sales")
          .whereIn("customer_id", ids)
          .whereNull("deleted_at")
          .select("customer_id", "order_count", "total_spent", "last_order_at")
      const { result } = await refreshCustomerSalesWorkflow(ctx.container).run({ input: { customer_ids: ids } })
      const old = new Map(before.map((r) => [r.customer_id, r]))
      const changed = result.filter((r) => {
        const o = old.get(r.customer_id)
        const at = (d: Date | null | undefined) => (d ? new Date(d).getTime() : null)
        return (
          !o
            ? r.order_count > 0
            : Number(o.order_count) !== r.order_count ||
              Number(o.total_spent) !== r.total_spent ||
              at(o.last_order_at) !== at(r.last_order_at)
        )
      }).length
      cp = { after: ids[ids.length - 1], done: cp.done + ids.length, changed: cp.changed + changed }
      await ctx.saveCheckpoint(cp)
      await ctx.progress({ processed: cp.done, total: Math.max(total, cp.done), succeeded: cp.done, failed: 0 })
    }
    return { customers: cp.done, changed: cp.changed }
  },
})

/** Every night at 03:30 UTC; one job per day. */
export const salesReconcileSchedule = defineSchedule({
  name: "customer_list.sales_reconcile.nightly",
  type: SALES_RECONCILE_JOB,
  pattern: () => "30 3 * * *",
  payload: (firedAt) => ({ scheduled_for: firedAt.toISOString(), trigger: "schedule" }),
})
