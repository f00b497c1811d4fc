import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { recordTimelineStep } from "../timeline"
import { MERGE_UNDONE_EVENT, MERGED_EVENT } from "../../types/customer-merge"
import {
  checkMergeStep,
  completeMergeStep,
  createMergeRecordStep,
  finishUndoStep,
  mergeRowsStep,
  transferPointsStep,
  undoMergeStep,
  type MergeInput,
  type UndoInput,
} from "./steps"

/**
 * Merges duplicate customers into a primary, driven by the customer-data
 * registry (src/lib/customer-merge): rows move table by table, points move by
 * ledger entries, the secondaries are soft-deleted ("merged into" the
 * primary). Every step compensates, and the merge record keeps the undo log.
 */
export const mergeCustomersWorkflow = createWorkflow("cbo-merge-customers", (input: MergeInput) => {
  checkMergeStep(input)
  const record = createMergeRecordStep(input)
  const withId = transform({ input, record }, ({ input, record }) => ({ ...input, merge_id: record.id }))
  const rows = mergeRowsStep(withId)
  const points = transferPointsStep(withId)
  const merge = completeMergeStep(
    transform({ record, rows, points }, ({ record, rows, points }) => ({
      merge_id: record.id,
      ops: rows.ops,
      counts: rows.counts,
      points,
    }))
  )
  recordTimelineStep(
    transform({ input, record }, ({ input, record }) => [
      {
        customer_id: input.primary_id,
        kind: "customer.merged",
        summary: `Merged ${input.secondary_ids.length} duplicate customer${input.secondary_ids.length === 1 ? "" : "s"} into this one`,
        data: { merge_id: record.id, secondary_ids: input.secondary_ids, source: input.source ?? "staff" },
        actor_type: input.source && input.source !== "staff" ? "customer" : "user",
        actor_id: input.actor_id,
      },
      ...input.secondary_ids.map((id) => ({
        customer_id: id,
        kind: "customer.merged",
        summary: `Merged into ${input.primary_id}`,
        data: { merge_id: record.id, primary_id: input.primary_id, source: input.source ?? "staff" },
        actor_type: input.source && input.source !== "staff" ? "customer" : "user",
        actor_id: input.actor_id,
      })),
    ])
  )
  emitEventStep({
    eventName: MERGED_EVENT,
    data: transform({ input, record }, ({ input, record }) => ({
      primary_id: input.primary_id,
      secondary_ids: input.secondary_ids,
      merge_id: record.id,
      source: input.source ?? "staff",
    })),
  })
  return new WorkflowResponse(merge)
})

/** Undoes a merge within mergeUndoDays: rows and ledger lines back, what changed since stays. */
export const undoMergeWorkflow = createWorkflow("cbo-undo-merge", (input: UndoInput) => {
  const undone = undoMergeStep(input)
  const merge = finishUndoStep(
    transform({ input, undone }, ({ input, undone }) => ({
      merge_id: input.merge_id,
      actor_id: input.actor_id,
      report: undone.report,
    }))
  )
  recordTimelineStep(
    transform({ input, undone }, ({ input, undone }) => {
      const secondaries = undone.merge.secondary_ids as unknown as string[]
      return [undone.merge.primary_id, ...secondaries].map((id) => ({
        customer_id: id,
        kind: "customer.merge_undone",
        summary: id === undone.merge.primary_id ? `Merge of ${secondaries.join(", ")} undone` : `Merge into ${undone.merge.primary_id} undone`,
        data: { merge_id: input.merge_id },
        actor_type: "user",
        actor_id: input.actor_id,
      }))
    })
  )
  emitEventStep({
    eventName: MERGE_UNDONE_EVENT,
    data: transform({ undone }, ({ undone }) => ({
      primary_id: undone.merge.primary_id,
      secondary_ids: undone.merge.secondary_ids,
      merge_id: undone.merge.id,
    })),
  })
  return new WorkflowResponse(transform({ merge, undone }, ({ merge, undone }) => ({ merge, report: undone.report })))
})
