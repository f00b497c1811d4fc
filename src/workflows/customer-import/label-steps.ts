import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import {
  labelsInUse,
  loadRunLabels,
  namesToCreate,
  patchRunLabels,
  type CreatedLabel,
  type RunLabels,
} from "../../lib/customer-import/labels"
import { reevaluateRows } from "../../lib/customer-import/pipeline"
import { CUSTOMER_RECORDS_MODULE } from "../../modules/customer-records"
import type CustomerRecordsModuleService from "../../modules/customer-records/service"
import { importContext, importKnex, importService } from "./context"
import type { UndoneLabel } from "../../types/customer-import"

/** Metadata key on the customer groups an import created: the run's id. */
export const IMPORT_RUN_METADATA_KEY = "backoffice_import_run_id"

const records = (container: { resolve: (k: string) => unknown }) =>
  container.resolve(CUSTOMER_RECORDS_MODULE) as CustomerRecordsModuleService

/** What confirming the run creates: category and choice names the store does not have. */
export const prepareImportLabelsStep = createStep(
  "cbo-prepare-import-labels",
  async (input: { run_id: string; actor_id?: string | null }, { container }) => {
    const knex = importKnex(container)
    const [labels, ctx] = await Promise.all([
      loadRunLabels(knex, input.run_id),
      importContext(container, { runId: input.run_id, review: true }),
    ])
    const categories = namesToCreate(labels.new_categories, ctx.groups)
    const sources = namesToCreate(labels.new_referral_sources, ctx.referralSources)
    return new StepResponse({
      groups: categories.map((name) => ({
        name,
        created_by: input.actor_id ?? undefined,
        metadata: { [IMPORT_RUN_METADATA_KEY]: input.run_id },
      })),
      referral_sources: sources,
    })
  }
)

/** Creates the new "How did you find us?" choices at the end of the list; the compensation deletes them. */
export const createImportReferralSourcesStep = createStep(
  "cbo-create-import-referral-sources",
  async (names: string[], { container }) => {
    if (!names.length) return new StepResponse([] as CreatedLabel[], [] as string[])
    const service = records(container)
    const rank = (await service.listReferralSources({}, { select: ["rank"] })).reduce((max, s) => Math.max(max, s.rank + 1), 0)
    const created = await service.createReferralSources(names.map((name, i) => ({ name, rank: rank + i })))
    const out = created.map((c) => ({ id: c.id, name: c.name }))
    return new StepResponse(out, out.map((c) => c.id))
  },
  async (ids, { container }) => {
    if (ids?.length) await records(container).deleteReferralSources(ids)
  }
)

/** Records on the run what the import created (kept for the undo); the compensation restores the record. */
export const recordImportLabelsStep = createStep(
  "cbo-record-import-labels",
  async (
    input: { run_id: string; groups: { id: string; name: string }[]; referral_sources: CreatedLabel[] },
    { container }
  ) => {
    const knex = importKnex(container)
    const before = await loadRunLabels(knex, input.run_id)
    const created = {
      // a confirmation retried after a failure keeps what the first attempt created
      categories: [...(before.created?.categories ?? []), ...input.groups.map((g) => ({ id: g.id, name: g.name }))],
      referral_sources: [...(before.created?.referral_sources ?? []), ...input.referral_sources],
    }
    await patchRunLabels(knex, input.run_id, { created })
    return new StepResponse(created, { run_id: input.run_id, created: before.created ?? {} })
  },
  async (data, { container }) => {
    if (data) await patchRunLabels(importKnex(container), data.run_id, { created: data.created })
  }
)

export type ImportLabelChoice = { name: string; map_to: string | null }

/**
 * The merchant's rename / map-to-existing of new categories and choices
 * (review only). Each name must be one the review lists; rows using it are
 * evaluated again. The compensation puts the previous choices back.
 */
export const setImportLabelMapStep = createStep(
  "cbo-set-import-label-map",
  async (
    input: { run_id: string; new_categories?: ImportLabelChoice[]; new_referral_sources?: ImportLabelChoice[] },
    { container }
  ) => {
    const run = await importService(container).retrieveImportRun(input.run_id)
    if (run.status !== "review") {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `The import is ${run.status}: new categories can only be changed during the review`)
    }
    const knex = importKnex(container)
    const labels = await loadRunLabels(knex, input.run_id)
    const map = {
      categories: { ...(labels.map?.categories ?? {}) },
      referral_sources: { ...(labels.map?.referral_sources ?? {}) },
    }
    const apply = (field: string, choices: ImportLabelChoice[] | undefined, listed: RunLabels["new_categories"], into: Record<string, string>) => {
      if (!choices) return
      const known = new Set((listed ?? []).map((l) => l.name.toLowerCase()))
      const unknown = choices.filter((c) => !known.has(c.name.trim().toLowerCase()))
      if (unknown.length) {
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          `${field}: not a new value of this import: ${unknown.map((c) => c.name).join(", ")}`
        )
      }
      for (const c of choices) {
        const key = c.name.trim().toLowerCase()
        const target = (c.map_to ?? "").trim()
        // the same name in other capitals is a rename too ("vip" → "VIP")
        if (!target || target === c.name.trim()) delete into[key]
        else into[key] = target
      }
    }
    apply("new_categories", input.new_categories, labels.new_categories, map.categories)
    apply("new_referral_sources", input.new_referral_sources, labels.new_referral_sources, map.referral_sources)
    await patchRunLabels(knex, input.run_id, { map })
    // only the rows whose cell names one of the values concerned are evaluated again
    const cells = [
      { key: "categories", names: (input.new_categories ?? []).map((c) => c.name) },
      { key: "referral_source", names: (input.new_referral_sources ?? []).map((c) => c.name) },
    ]
    const ctx = await importContext(container, { runId: input.run_id, review: true })
    await reevaluateRows(knex, input.run_id, cells, ctx)
    return new StepResponse({ run_id: input.run_id }, { run_id: input.run_id, map: labels.map ?? {}, cells })
  },
  async (data, { container }) => {
    if (!data) return
    const knex = importKnex(container)
    await patchRunLabels(knex, data.run_id, { map: data.map })
    const ctx = await importContext(container, { runId: data.run_id, review: true })
    await reevaluateRows(knex, data.run_id, data.cells, ctx)
  }
)

export type { UndoneLabel }

/**
 * After an undo: deletes the categories and choices the import created that
 * nothing else uses; the others are returned with the reason they stay.
 */
export const removeImportLabelsStep = createStep(
  "cbo-remove-import-labels",
  async (input: { run_id: string }, { container }) => {
    const knex = importKnex(container)
    const labels = await loadRunLabels(knex, input.run_id)
    const created = {
      categories: labels.created?.categories ?? [],
      referral_sources: labels.created?.referral_sources ?? [],
    }
    if (!created.categories.length && !created.referral_sources.length) {
      return new StepResponse({ removed: [] as UndoneLabel[], kept: [] as UndoneLabel[] }, null)
    }
    const inUse = await labelsInUse(knex, created)
    const removed: UndoneLabel[] = []
    const kept: UndoneLabel[] = []
    for (const c of created.categories) {
      const reason = inUse.get(c.id)
      ;(reason ? kept : removed).push({ kind: "category", id: c.id, name: c.name, ...(reason ? { reason } : {}) })
    }
    for (const c of created.referral_sources) {
      const reason = inUse.get(c.id)
      ;(reason ? kept : removed).push({ kind: "referral_source", id: c.id, name: c.name, ...(reason ? { reason } : {}) })
    }
    const groupIds = removed.filter((r) => r.kind === "category").map((r) => r.id)
    const sourceIds = removed.filter((r) => r.kind === "referral_source").map((r) => r.id)
    // already deleted by the merchant: nothing to do for those
    if (groupIds.length) await container.resolve(Modules.CUSTOMER).softDeleteCustomerGroups(groupIds)
    if (sourceIds.length) await records(container).softDeleteReferralSources(sourceIds)
    // what undo skipped: the customers changed since the import, then the categories and choices still in use
    await knex.raw(
      `update import_run set undo_skipped = coalesce(undo_skipped, '[]'::jsonb) || ?::jsonb,
              labels = coalesce(labels, '{}'::jsonb) || ?::jsonb, updated_at = now() where id = ?`,
      [
        JSON.stringify(kept.map((k) => ({ customer_id: null, email: null, ...k }))),
        JSON.stringify({ undo: { removed, kept } }),
        input.run_id,
      ]
    )
    return new StepResponse({ removed, kept }, { groupIds, sourceIds })
  },
  async (data, { container }) => {
    if (!data) return
    if (data.groupIds.length) await container.resolve(Modules.CUSTOMER).restoreCustomerGroups(data.groupIds)
    if (data.sourceIds.length) await records(container).restoreReferralSources(data.sourceIds)
  }
)
