import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { MedusaContainer } from "@medusajs/framework/types"
import { CUSTOMER_DUPLICATES_MODULE } from "../../modules/customer-duplicates"
import type CustomerDuplicatesModuleService from "../../modules/customer-duplicates/service"
import { CUSTOMER_POINTS_MODULE } from "../../modules/customer-points"
import type CustomerPointsModuleService from "../../modules/customer-points/service"
import {
  checkFieldChoices,
  checkMergeable,
  mergeRows,
  MergeRefused,
  undoOps,
  type PointsTransfer,
  type UndoLog,
  type UndoOp,
} from "../../lib/customer-merge"
import { reverseTransfer, transferPoints } from "../../lib/customer-merge/points"
import { changedSince } from "../../lib/customer-merge/changed-since"
import type { MergeFieldChoices } from "../../types/customer-merge"

export type MergeInput = {
  primary_id: string
  secondary_ids: string[]
  fields?: MergeFieldChoices
  actor_id: string | null
  /** "invitation": an automatic merge (the shopper proved the email with an invitation link); default "staff". */
  source?: "staff" | "invitation" | "email_verification"
}

const pgOf = (c: MedusaContainer): Knex => c.resolve(ContainerRegistrationKeys.PG_CONNECTION)
const dupOf = (c: MedusaContainer): CustomerDuplicatesModuleService => c.resolve(CUSTOMER_DUPLICATES_MODULE)
const pointsOf = (c: MedusaContainer): CustomerPointsModuleService => c.resolve(CUSTOMER_POINTS_MODULE)
/** Runs the points module's ledger functions inside our transaction. */
const inTrx = (trx: Knex.Transaction) => ({
  transactionManager: { execute: async (sql: string, b?: unknown[]) => (await trx.raw(sql, (b ?? []) as any)).rows },
})

const refuse = (e: unknown): never => {
  if (e instanceof MergeRefused) {
    throw new MedusaError(e.status === 404 ? MedusaError.Types.NOT_FOUND : MedusaError.Types.NOT_ALLOWED, e.message)
  }
  throw e
}

/** Checks the merge (the route checked it too; this catches a change in between). */
export const checkMergeStep = createStep("cbo-check-merge", async (input: MergeInput, { container }) => {
  await checkMergeable(pgOf(container), input.primary_id, input.secondary_ids).catch(refuse)
  try {
    checkFieldChoices(input.fields ?? {}, [input.primary_id, ...input.secondary_ids])
  } catch (e) {
    refuse(e)
  }
  return new StepResponse(true)
})

/** The merge record (status running): its id keys the ledger lines. */
export const createMergeRecordStep = createStep(
  "cbo-create-merge-record",
  async (input: MergeInput, { container }) => {
    const svc = dupOf(container)
    const days = svc.options.mergeUndoDays
    const rec = await svc.createCustomerMerges({
      primary_id: input.primary_id,
      secondary_ids: input.secondary_ids as unknown as Record<string, unknown>,
      fields: (input.fields ?? null) as Record<string, unknown> | null,
      merged_by: input.actor_id,
      source: input.source ?? "staff",
      undo_until: new Date(Date.now() + days * 24 * 60 * 60 * 1000),
    })
    return new StepResponse({ id: rec.id as string }, rec.id as string)
  },
  async (id, { container }) => {
    if (id) await dupOf(container).deleteCustomerMerges([id])
  }
)

/** Every registry table's rows of each secondary, by its merge handler, in one transaction. */
export const mergeRowsStep = createStep(
  "cbo-merge-rows",
  async (input: MergeInput & { merge_id: string }, { container }) => {
    const pg = pgOf(container)
    const out = await pg.transaction(async (trx) => {
      const ops: UndoOp[] = []
      const counts: Record<string, Record<string, number>> = {}
      for (const secondary of input.secondary_ids) {
        const r = await mergeRows(trx, {
          primary: input.primary_id,
          secondary,
          fields: input.fields ?? {},
          merge_id: input.merge_id,
        })
        ops.push(...r.log)
        counts[secondary] = r.counts
      }
      return { ops, counts }
    })
    return new StepResponse(out, out.ops)
  },
  async (ops, { container }) => {
    if (ops?.length) await pgOf(container).transaction((trx) => undoOps(trx, ops))
  }
)

/** Points leave each secondary's account and arrive in the primary's (ledger entries; lots keep their expiry). */
export const transferPointsStep = createStep(
  "cbo-merge-points",
  async (input: MergeInput & { merge_id: string }, { container }) => {
    const pg = pgOf(container)
    const points = pointsOf(container)
    const transfers = await pg.transaction(async (trx) => {
      const list: PointsTransfer[] = []
      for (const secondary of input.secondary_ids) {
        list.push(
          await transferPoints(trx as unknown as Knex, withContext(points, inTrx(trx)), {
            merge_id: input.merge_id,
            primary: input.primary_id,
            secondary,
            actor_id: input.actor_id,
          })
        )
      }
      return list
    })
    return new StepResponse(transfers, { transfers, merge_id: input.merge_id, actor_id: input.actor_id })
  },
  async (data, { container }) => {
    if (!data?.transfers.length) return
    const points = pointsOf(container)
    await pgOf(container).transaction(async (trx) => {
      for (const t of data.transfers) {
        await reverseTransfer(withContext(points, inTrx(trx)), t, data.merge_id, data.actor_id)
      }
    })
  }
)

/** The points service with every ledger call on the given transaction. */
function withContext(points: CustomerPointsModuleService, ctx: object): CustomerPointsModuleService {
  return {
    options: points.options,
    credit: (i: any) => points.credit(i, ctx),
    debit: (i: any) => points.debit(i, ctx),
    reverse: (i: any) => points.reverse(i, ctx),
  } as unknown as CustomerPointsModuleService
}

export const completeMergeStep = createStep(
  "cbo-complete-merge",
  async (
    input: { merge_id: string; ops: UndoOp[]; counts: Record<string, Record<string, number>>; points: PointsTransfer[] },
    { container }
  ) => {
    const undo: UndoLog = { ops: input.ops, points: input.points }
    const summary = {
      per_secondary: input.counts,
      points: input.points.reduce((s, t) => s + t.points, 0),
    }
    const [rec] = await dupOf(container).updateCustomerMerges([
      { id: input.merge_id, status: "completed", undo: undo as unknown as Record<string, unknown>, summary },
    ])
    return new StepResponse(rec)
  }
)

export type UndoInput = { merge_id: string; actor_id: string | null }

/**
 * Puts back every row and ledger line of a merge in one transaction; what
 * changed on the primary since stays, and is reported.
 */
export const undoMergeStep = createStep("cbo-undo-merge", async (input: UndoInput, { container }) => {
  const svc = dupOf(container)
  const [rec] = await svc.listCustomerMerges({ id: input.merge_id })
  if (!rec) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Merge ${input.merge_id} was not found`)
  if (rec.status !== "completed") {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Merge ${rec.id} is ${rec.status}: only a completed merge can be undone`)
  }
  if (new Date(rec.undo_until).getTime() < Date.now()) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `The undo window of merge ${rec.id} ended on ${new Date(rec.undo_until).toISOString()} (mergeUndoDays)`
    )
  }
  const undo = rec.undo as unknown as UndoLog
  const points = pointsOf(container)
  const secondaries = rec.secondary_ids as unknown as string[]
  const report = await pgOf(container).transaction(async (trx) => {
    const since = await changedSince(trx, rec.primary_id, new Date(rec.created_at), rec.id)
    let shortfall = 0
    for (const t of undo.points ?? []) {
      shortfall += (await reverseTransfer(withContext(points, inTrx(trx)), t, rec.id, input.actor_id)).shortfall
    }
    const { skipped } = await undoOps(trx, undo.ops ?? []).catch((e) => {
      if ((e as { code?: string }).code === "23505") {
        throw new MedusaError(
          MedusaError.Types.NOT_ALLOWED,
          `The merge cannot be undone: a live customer now uses the email of ${secondaries.join(", ")}`
        )
      }
      throw e
    })
    return { changed_since: since, left_as_is: skipped, points_shortfall: shortfall }
  })
  return new StepResponse({ merge: rec, report })
})

export const finishUndoStep = createStep(
  "cbo-finish-undo",
  async (input: { merge_id: string; actor_id: string | null; report: Record<string, unknown> }, { container }) => {
    const [rec] = await dupOf(container).updateCustomerMerges([
      {
        id: input.merge_id,
        status: "undone",
        undone_at: new Date(),
        undone_by: input.actor_id,
        undo_report: input.report,
      },
    ])
    return new StepResponse(rec)
  }
)
