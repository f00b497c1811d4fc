import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MedusaError } from "@medusajs/framework/utils"
import { commitBatch, undoRows, type BatchResult } from "../../lib/customer-import/commit"
import { editRow, ImportInputError, refreshCounts, revalidateRun } from "../../lib/customer-import/pipeline"
import type { ImportMapping } from "../../lib/customer-import/validate"
import { IMPORT_COLUMNS } from "../../lib/customer-io/columns"
import { importContext, importKnex, importService } from "./context"
import { refreshNewLabels } from "../../lib/customer-import/labels"
import { reapplyTerms } from "./trade-terms"

export type CreateImportRunInput = {
  file_name: string
  file_size: number
  file_id: string
  created_by?: string | null
  parent_run_id?: string | null
}

export const createImportRunStep = createStep(
  "cbo-create-import-run",
  async (input: CreateImportRunInput, { container }) => {
    const run = await importService(container).createImportRuns({
      ...input,
      status: "uploaded",
      counts: null,
    })
    return new StepResponse(run, run.id)
  },
  async (id, { container }) => {
    if (id) await importService(container).deleteImportRuns([id])
  }
)

type RunPatch = Record<string, unknown> & { id: string }

/** Updates a run; the compensation puts the previous values back. */
export const updateImportRunStep = createStep(
  "cbo-update-import-run",
  async (input: RunPatch, { container }) => {
    const service = importService(container)
    const before = await service.retrieveImportRun(input.id)
    const previous: RunPatch = { id: input.id }
    for (const key of Object.keys(input)) {
      if (key !== "id") previous[key] = (before as unknown as Record<string, unknown>)[key] ?? null
    }
    const run = await service.updateImportRuns(input)
    return new StepResponse(run, previous)
  },
  async (previous, { container }) => {
    if (previous) await importService(container).updateImportRuns(previous)
  }
)

function toMedusaError(e: unknown): never {
  if (e instanceof ImportInputError) {
    throw new MedusaError(
      e.status === 404 ? MedusaError.Types.NOT_FOUND : MedusaError.Types.INVALID_DATA,
      e.message
    )
  }
  throw e
}

export type EditImportRowInput = {
  run_id: string
  row_id: string
  values?: Record<string, string>
  excluded?: boolean
}

/** An inline edit in the review; the compensation restores the rows of the run it touched. */
export const editImportRowStep = createStep(
  "cbo-edit-import-row",
  async (input: EditImportRowInput, { container }) => {
    const knex = importKnex(container)
    const run = await importService(container).retrieveImportRun(input.run_id)
    if (run.status !== "review") {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `The import is ${run.status}: rows can only be changed during the review`)
    }
    const snapshot = await knex("import_row")
      .where({ run_id: input.run_id })
      .whereNull("deleted_at")
      .andWhere((q) => q.where({ id: input.row_id }).orWhereNotNull("duplicate_of").orWhere({ excluded: true }))
      .select("id", "values", "errors", "action", "email_key", "customer_id", "excluded", "duplicate_of", "edited")
    const ctx = await importContext(container, { runId: input.run_id, review: true })
    const result = await editRow(knex, input.run_id, input.row_id, input, ctx).catch(toMedusaError)
    return new StepResponse(result, { run_id: input.run_id, snapshot })
  },
  async (data, { container }) => {
    if (!data) return
    const knex = importKnex(container)
    if (data.snapshot.length) {
      await knex.raw(
        `update import_row r set "values" = x."values", errors = x.errors, action = x.action,
                email_key = x.email_key, customer_id = x.customer_id, excluded = x.excluded,
                duplicate_of = x.duplicate_of, edited = x.edited
           from jsonb_to_recordset(?::jsonb) as x(id text, "values" jsonb, errors jsonb, action text,
                email_key text, customer_id text, excluded boolean, duplicate_of int, edited boolean)
          where r.id = x.id`,
        [JSON.stringify(data.snapshot)]
      )
    }
    await refreshCounts(knex, data.run_id)
    await refreshNewLabels(knex, data.run_id, await importContext(container, { runId: data.run_id, review: true }))
  }
)

/** Checks a mapping against the run's headers: every header once, known columns, each column once. */
export const validateImportMappingStep = createStep(
  "cbo-validate-import-mapping",
  async (input: { run_id: string; mapping: Record<string, string | null> }, { container }) => {
    const run = await importService(container).retrieveImportRun(input.run_id)
    if (run.status !== "review") {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `The import is ${run.status}: the mapping can only be changed during the review`)
    }
    const known = new Set(IMPORT_COLUMNS.map((c) => c.key))
    const current = (run.mapping as unknown as ImportMapping) ?? []
    const unknownHeaders = Object.keys(input.mapping).filter((h) => !current.some((m) => m.header === h))
    if (unknownHeaders.length) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Not a header of the file: ${unknownHeaders.join(", ")}`)
    }
    const seen = new Map<string, string>()
    const mapping: ImportMapping = current.map((m) => {
      const column = Object.prototype.hasOwnProperty.call(input.mapping, m.header) ? input.mapping[m.header] : m.column
      if (column !== null && !known.has(column)) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `Unknown column "${column}" for header "${m.header}"`)
      }
      if (column) {
        if (seen.has(column)) {
          throw new MedusaError(
            MedusaError.Types.INVALID_DATA,
            `Headers "${seen.get(column)}" and "${m.header}" are both mapped to ${column}`
          )
        }
        seen.set(column, m.header)
        return { header: m.header, column }
      }
      return { header: m.header, column: null, reason: m.column === null && m.reason ? m.reason : "Ignored" }
    })
    return new StepResponse({ run, mapping })
  }
)

export const commitImportBatchStep = createStep(
  "cbo-commit-import-batch",
  async (
    input: { run_id: string; batch_size: number; after_row_number?: number; to_row_number?: number },
    { container }
  ) => {
    const ctx = await importContext(container, { runId: input.run_id })
    const result: BatchResult = await commitBatch(importKnex(container), input.run_id, ctx, {
      batchSize: input.batch_size,
      afterRowNumber: input.after_row_number ?? 0,
      toRowNumber: input.to_row_number,
    })
    return new StepResponse(result, { run_id: input.run_id, row_ids: result.row_ids })
  },
  async (data, { container }) => {
    if (!data?.row_ids.length) return
    const undone = await undoRows(importKnex(container), data.run_id, { rowIds: data.row_ids })
    // the restored trade accounts' terms back into effect
    await reapplyTerms(container as never, undone.trade_customer_ids)
  }
)

export const undoImportStep = createStep(
  "cbo-undo-import",
  async (input: { run_id: string; actor_id?: string | null }, { container }) => {
    const service = importService(container)
    const run = await service.retrieveImportRun(input.run_id)
    if (run.status !== "completed") {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Only a completed import can be undone (this one is ${run.status})`)
    }
    if (!run.undo_until || new Date(run.undo_until as unknown as string).getTime() < Date.now()) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "The undo window of this import has passed")
    }
    const knex = importKnex(container)
    const result = await undoRows(knex, input.run_id, { actorId: input.actor_id ?? null })
    await refreshCounts(knex, input.run_id)
    const updated = await service.updateImportRuns({
      id: input.run_id,
      status: "undone",
      undone_at: new Date(),
      undo_skipped: result.skipped as unknown as Record<string, unknown>,
    })
    return new StepResponse({ run: updated, ...result })
  }
)

/** Up to this many rows, a mapping change re-validates in the request (tests may lower it). */
export const inlineRevalidateRows = () => Number(process.env.CBO_IMPORT_INLINE_REVALIDATE_ROWS ?? 5000)

/**
 * Saves the new mapping. Small runs are re-validated at once; large ones
 * are put in "parsing" for the re-validation job. The compensation restores
 * the previous mapping (and re-validates small runs with it).
 */
export const applyImportMappingStep = createStep(
  "cbo-apply-import-mapping",
  async (input: { run: { id: string; mapping: unknown; counts: unknown }; mapping: ImportMapping }, { container }) => {
    const service = importService(container)
    const previous = { mapping: input.run.mapping as ImportMapping }
    const rows = Number((input.run.counts as Record<string, number> | null)?.rows ?? 0)
    if (rows <= inlineRevalidateRows()) {
      const ctx = await importContext(container, { runId: input.run.id, review: true })
      await revalidateRun(importKnex(container), input.run.id, input.mapping, ctx)
      return new StepResponse({ inline: true }, { run_id: input.run.id, previous, inline: true })
    }
    await service.updateImportRuns({
      id: input.run.id,
      mapping: input.mapping as unknown as Record<string, unknown>,
      status: "parsing",
    })
    return new StepResponse({ inline: false }, { run_id: input.run.id, previous, inline: false })
  },
  async (data, { container }) => {
    if (!data) return
    if (data.inline) {
      const ctx = await importContext(container, { runId: data.run_id, review: true })
      await revalidateRun(importKnex(container), data.run_id, data.previous.mapping ?? [], ctx)
      return
    }
    await importService(container).updateImportRuns({
      id: data.run_id,
      mapping: data.previous.mapping as unknown as Record<string, unknown>,
      status: "review",
    })
  }
)
