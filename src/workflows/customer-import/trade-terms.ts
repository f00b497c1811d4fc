/**
 * The trade terms of imported rows put into effect with the Account card's
 * own workflow (applyTradeTermsWorkflow): the customer moves into the
 * managed customer groups of its price list, discount rate and free
 * delivery, and out of the others; the groups' promotions and price-list
 * rules are created or re-targeted as needed. Run after each committed
 * batch for its rows marked `terms_pending`, again at the end of a commit
 * (rows left by an interrupted attempt), and after an undo for the
 * customers whose previous terms came back.
 */
import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { undoRows } from "../../lib/customer-import/undo"
import { applyTradeTermsWorkflow } from "../trade-accounts/terms/workflow"
import { importKnex } from "./context"

type Container = Parameters<typeof applyTradeTermsWorkflow>[0] & { resolve: (key: string) => any }

/**
 * One customer's terms at a time in this process: two batches of an import
 * (written side by side) must not both create the group of a new discount
 * rate.
 */
let lock: Promise<unknown> = Promise.resolve()
function withTermsLock<T>(fn: () => Promise<T>): Promise<T> {
  const run = lock.then(fn, fn)
  lock = run.catch(() => undefined)
  return run
}

/** Applies the stored terms of one customer; throws what the workflow threw. */
export function applyCustomerTerms(container: Container, customerId: string) {
  return withTermsLock(() =>
    applyTradeTermsWorkflow(container as never).run({ input: { customer_id: customerId } })
  )
}

/** Applies the stored terms of each customer; failures are logged, not thrown (a compensation or an undo). */
export async function reapplyTerms(container: Container, customerIds: string[]) {
  const logger = container.resolve("logger") as { warn: (m: string) => void }
  for (const id of [...new Set(customerIds)]) {
    await applyCustomerTerms(container, id).catch((e) =>
      logger.warn(`Trade terms of customer ${id} not re-applied: ${(e as Error).message}`)
    )
  }
}

/**
 * The rows of a run (or of some of its rows) whose terms are pending: each
 * customer's terms go into effect and the mark is cleared. A customer whose
 * terms cannot be applied (e.g. its price list was deleted meanwhile) gets
 * its row undone — its previous values and terms back — and the row is
 * reported as failed with the reason.
 */
export const applyImportedTradeTermsStep = createStep(
  "cbo-apply-imported-trade-terms",
  async (input: { run_id: string; row_ids?: string[] }, { container }) => {
    const knex = importKnex(container)
    if (input.row_ids && !input.row_ids.length) return new StepResponse({ applied: 0, failed: 0 })
    const rows: { id: string; customer_id: string }[] = await knex("import_row")
      .where({ run_id: input.run_id, terms_pending: true })
      .whereNull("deleted_at")
      .modify((q) => {
        if (input.row_ids) q.whereIn("id", input.row_ids)
      })
      .orderBy("row_number")
      .select("id", "customer_id")
    let applied = 0
    let failed = 0
    for (const r of rows) {
      try {
        await applyCustomerTerms(container as Container, r.customer_id)
        await knex("import_row").where({ id: r.id }).update({ terms_pending: false })
        applied++
      } catch (e) {
        await undoRows(knex, input.run_id, { rowIds: [r.id] })
        await reapplyTerms(container as Container, [r.customer_id])
        await knex("import_row")
          .where({ id: r.id })
          .update({
            terms_pending: false,
            result: "failed",
            applied_at: knex.fn.now(),
            fail_reason: `Trade terms could not be applied: ${(e as Error).message}`,
          })
        failed++
      }
    }
    return new StepResponse({ applied, failed })
  }
)

/** The end of a commit: terms still pending from an interrupted attempt. */
export const applyImportedTradeTermsWorkflow = createWorkflow(
  "cbo-apply-imported-trade-terms",
  (input: { run_id: string }) => new WorkflowResponse(applyImportedTradeTermsStep(input))
)

/** After an undo: the restored terms of these customers go back into effect. */
export const reapplyTradeTermsStep = createStep(
  "cbo-reapply-trade-terms",
  async (input: { customer_ids: string[] }, { container }) => {
    await reapplyTerms(container as Container, input.customer_ids)
    return new StepResponse({ customers: input.customer_ids.length })
  }
)
