import {
  createWorkflow,
  transform,
  when,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { createCustomerGroupsWorkflow, emitEventStep } from "@medusajs/medusa/core-flows"
import { enqueueJobStep } from "../backoffice-jobs/steps/enqueue-job"
import {
  applyImportMappingStep,
  commitImportBatchStep,
  createImportRunStep,
  editImportRowStep,
  undoImportStep,
  updateImportRunStep,
  validateImportMappingStep,
  type CreateImportRunInput,
  type EditImportRowInput,
} from "./steps"
import { TRADE_EVENTS } from "../trade-accounts/events"
import { applyImportedTradeTermsStep, reapplyTradeTermsStep } from "./trade-terms"
import {
  createImportReferralSourcesStep,
  prepareImportLabelsStep,
  recordImportLabelsStep,
  removeImportLabelsStep,
  setImportLabelMapStep,
  type ImportLabelChoice,
} from "./label-steps"

export const IMPORT_BATCH_COMMITTED_EVENT = "customer_backoffice.import.batch_committed"
export const IMPORT_PARSE_JOB = "customer_import.parse"
export const IMPORT_REVALIDATE_JOB = "customer_import.revalidate"
export const IMPORT_COMMIT_JOB = "customer_import.commit"

/** A run for an uploaded file (already stored in the File module) and its parse job. */
export const createImportRunWorkflow = createWorkflow(
  "cbo-create-import-run",
  (input: CreateImportRunInput) => {
    const run = createImportRunStep(input)
    const jobInput = transform({ run, input }, ({ run, input }) => ({
      type: IMPORT_PARSE_JOB,
      payload: { run_id: run.id },
      key: `import-parse:${run.id}`,
      created_by: input.created_by ?? null,
    }))
    const job = enqueueJobStep(jobInput)
    const patch = transform({ run, job }, ({ run, job }) => ({ id: run.id, job_id: job.id }))
    return new WorkflowResponse(updateImportRunStep(patch))
  }
)

/**
 * A new mapping: saved, then every row is re-validated — at once for up to
 * 5,000 rows, else by a background job (the run shows
 * "parsing" until it is done).
 */
export const updateImportMappingWorkflow = createWorkflow(
  "cbo-update-import-mapping",
  (input: { run_id: string; mapping: Record<string, string | null>; actor_id?: string | null }) => {
    const checked = validateImportMappingStep(input)
    const applied = applyImportMappingStep(checked)
    when({ applied }, ({ applied }) => !applied.inline).then(() => {
      const jobInput = transform({ input }, ({ input }) => ({
        type: IMPORT_REVALIDATE_JOB,
        payload: { run_id: input.run_id },
        key: `import-revalidate:${input.run_id}:${Date.now()}`,
        created_by: input.actor_id ?? null,
      }))
      const job = enqueueJobStep(jobInput)
      updateImportRunStep(
        transform({ input, job }, ({ input, job }) => ({ id: input.run_id, job_id: job.id }))
      ).config({ name: "cbo-set-import-revalidate-job" })
    })
    return new WorkflowResponse(applied)
  }
)

/**
 * Reads the file of a run again with the encoding the merchant chose (the
 * review screen's "Encoding"): the run goes back to "parsing" and a parse
 * job restages every row (inline edits are replaced; the mapping is kept
 * when the headers read the same).
 */
export const reparseImportWorkflow = createWorkflow(
  "cbo-reparse-import",
  (input: { run_id: string; encoding: string; actor_id?: string | null }) => {
    const parsing = updateImportRunStep(
      transform({ input }, ({ input }) => ({ id: input.run_id, status: "parsing", error: null }))
    ).config({ name: "cbo-set-import-reparsing" })
    const jobInput = transform({ input, parsing }, ({ input }) => ({
      type: IMPORT_PARSE_JOB,
      payload: { run_id: input.run_id, encoding: input.encoding },
      key: `import-parse:${input.run_id}:${input.encoding}:${Date.now()}`,
      created_by: input.actor_id ?? null,
    }))
    const job = enqueueJobStep(jobInput)
    const patch = transform({ input, job }, ({ input, job }) => ({ id: input.run_id, job_id: job.id }))
    return new WorkflowResponse(updateImportRunStep(patch).config({ name: "cbo-set-import-reparse-job" }))
  }
)

export const editImportRowWorkflow = createWorkflow(
  "cbo-edit-import-row",
  (input: EditImportRowInput) => new WorkflowResponse(editImportRowStep(input))
)

/**
 * "You are about to create N and update M customers": creates the new
 * categories and "How did you find us?" choices the review listed (before
 * the first batch), then starts the commit job.
 */
export const confirmImportWorkflow = createWorkflow(
  "cbo-confirm-import",
  (input: { run_id: string; backup: boolean; actor_id?: string | null }) => {
    const plan = prepareImportLabelsStep(input)
    const groups = when({ plan }, ({ plan }) => plan.groups.length > 0).then(() =>
      createCustomerGroupsWorkflow.runAsStep({
        input: transform({ plan }, ({ plan }) => ({ customersData: plan.groups })),
      })
    )
    const sources = createImportReferralSourcesStep(transform({ plan }, ({ plan }) => plan.referral_sources))
    recordImportLabelsStep(
      transform({ input, groups, sources }, ({ input, groups, sources }) => ({
        run_id: input.run_id,
        groups: (groups ?? []).map((g) => ({ id: g.id, name: g.name as string })),
        referral_sources: sources,
      }))
    )
    const committing = updateImportRunStep(
      transform({ input }, ({ input }) => ({ id: input.run_id, status: "committing", error: null }))
    )
    const jobInput = transform({ input, committing }, ({ input }) => ({
      type: IMPORT_COMMIT_JOB,
      payload: { run_id: input.run_id, backup: input.backup },
      key: `import-commit:${input.run_id}`,
      created_by: input.actor_id ?? null,
    }))
    const job = enqueueJobStep(jobInput)
    const patch = transform({ input, job }, ({ input, job }) => ({ id: input.run_id, job_id: job.id }))
    return new WorkflowResponse(updateImportRunStep(patch).config({ name: "cbo-set-import-commit-job" }))
  }
)

/**
 * One batch of a commit. The step compensates by undoing the batch, and the
 * batch's customers are announced in one event of the plugin's own (the batch
 * bypasses the customer module); Medusa's customer.created / customer.updated
 * events follow once the workflow has finished (commitRun's `emit`, see
 * src/lib/customer-import/events.ts). Trade terms the batch changed go into
 * effect with the Account card's workflow, and accounts it made inactive
 * emit customer_backoffice.trade.deactivated, as the Account card does.
 */
export const commitImportBatchWorkflow = createWorkflow(
  "cbo-commit-import-batch",
  (input: { run_id: string; batch_size: number; after_row_number?: number; to_row_number?: number }) => {
    const result = commitImportBatchStep(input)
    applyImportedTradeTermsStep(
      transform({ result, input }, ({ result, input }) => ({ run_id: input.run_id, row_ids: result.row_ids }))
    )
    when({ result }, ({ result }) => (result.deactivated ?? []).length > 0).then(() => {
      emitEventStep({
        eventName: TRADE_EVENTS.deactivated,
        data: transform({ result }, ({ result }) =>
          (result.deactivated ?? []).map((customer_id) => ({
            customer_id,
            actor_type: "user",
            actor_id: result.actor_id ?? null,
          }))
        ),
      }).config({ name: "cbo-emit-import-deactivated" })
    })
    when({ result }, ({ result }) => result.row_ids.length > 0).then(() => {
      emitEventStep({
        eventName: IMPORT_BATCH_COMMITTED_EVENT,
        data: transform({ result, input }, ({ result, input }) => ({
          run_id: input.run_id,
          created: result.created,
          updated: result.updated,
        })),
      })
    })
    return new WorkflowResponse(result)
  }
)

/** Undo: the rows, then the categories and choices the import created when nothing else uses them. */
export const undoImportWorkflow = createWorkflow(
  "cbo-undo-import",
  (input: { run_id: string; actor_id?: string | null }) => {
    const undone = undoImportStep(input)
    reapplyTradeTermsStep(transform({ undone }, ({ undone }) => ({ customer_ids: undone.trade_customer_ids })))
    const labels = removeImportLabelsStep(transform({ input, undone }, ({ input }) => ({ run_id: input.run_id })))
    const result = transform({ undone, labels }, ({ undone, labels }) => ({
      ...undone,
      removed_labels: labels.removed,
      skipped_labels: labels.kept,
    }))
    return new WorkflowResponse(result)
  }
)

/** Rename / map-to-existing of the review's new categories and choices. */
export const setImportLabelMapWorkflow = createWorkflow(
  "cbo-set-import-label-map",
  (input: { run_id: string; new_categories?: ImportLabelChoice[]; new_referral_sources?: ImportLabelChoice[] }) =>
    new WorkflowResponse(setImportLabelMapStep(input))
)
