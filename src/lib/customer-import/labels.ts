/**
 * New categories and "How did you find us?" choices of an import.
 *
 * In Shopify (and most platforms) tags are free text: a file from a fresh
 * store names categories the store does not have yet. They are not errors:
 * the review lists them with the number of rows that join each, the
 * merchant may rename one or map it onto an existing category (a typo), and
 * confirming the import creates them before the first batch. Undo removes
 * them again when nothing else uses them.
 *
 * Everything is kept on the run, in `import_run.labels`:
 * `{ new_categories, new_referral_sources, map, created }`.
 */
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { splitListCell } from "../customer-io/columns"
import { labelTarget, type ImportContext, type LabelMap } from "./validate"

/** A file value the store has no category (choice) for. */
export type NewLabel = {
  /** As the file spells it (the spelling most rows use). */
  name: string
  /** Rows that will be written with it (new and updated customers, not excluded). */
  rows: number
  /** The merchant's choice: the name it lands in (an existing category, or a new name). */
  map_to?: string | null
  /** True when the import creates it (no mapping onto an existing one). */
  creates: boolean
}

export type CreatedLabel = { id: string; name: string }

export type RunLabels = {
  new_categories?: NewLabel[]
  new_referral_sources?: NewLabel[]
  map?: LabelMap
  created?: { categories?: CreatedLabel[]; referral_sources?: CreatedLabel[] }
}

export const LABEL_KINDS = ["categories", "referral_sources"] as const
export type LabelKind = (typeof LABEL_KINDS)[number]

export async function loadRunLabels(knex: Knex, runId: string): Promise<RunLabels> {
  const run = await knex("import_run").where({ id: runId }).first("labels")
  return ((run?.labels as RunLabels | null) ?? {}) as RunLabels
}

/** Merges top-level keys into import_run.labels (one statement). */
export async function patchRunLabels(knex: Knex, runId: string, patch: Partial<RunLabels>) {
  await knex.raw(
    `update import_run set labels = coalesce(labels, '{}'::jsonb) || ?::jsonb, updated_at = now() where id = ?`,
    [JSON.stringify(patch), runId]
  )
}

/**
 * Recomputes the new categories and choices of a run from its staged rows:
 * one aggregate query over the rows that will be written, grouped by the
 * cells (a file has few distinct tag combinations), split in memory.
 */
export async function refreshNewLabels(knex: Knex, runId: string, ctx: ImportContext): Promise<RunLabels> {
  const { rows } = await knex.raw(
    `select "values"->>'categories' as c, "values"->>'referral_source' as r, count(*)::int as n
       from import_row
      where run_id = ? and deleted_at is null and not excluded and action in ('new', 'update')
        and (coalesce("values"->>'categories', '') <> '' or coalesce("values"->>'referral_source', '') <> '')
      group by 1, 2`,
    [runId]
  )
  type Entry = { name: string; rows: number; spellings: Map<string, number> }
  const categories = new Map<string, Entry>()
  const sources = new Map<string, Entry>()
  const add = (into: Map<string, Entry>, name: string, n: number) => {
    const key = name.toLowerCase()
    const entry = into.get(key) ?? { name, rows: 0, spellings: new Map<string, number>() }
    into.set(key, entry)
    entry.rows += n
    entry.spellings.set(name, (entry.spellings.get(name) ?? 0) + n)
  }
  for (const r of rows as { c: string | null; r: string | null; n: number }[]) {
    for (const name of splitListCell(r.c ?? "")) {
      const key = name.toLowerCase()
      if (ctx.groups.has(key) && !ctx.categoryMap?.has(key)) continue
      add(categories, name, r.n)
    }
    const source = (r.r ?? "").trim()
    if (source) {
      const key = source.toLowerCase()
      if (!(ctx.referralSources.has(key) && !ctx.referralSourceMap?.has(key))) add(sources, source, r.n)
    }
  }
  const list = (
    entries: Map<string, Entry>,
    map: Map<string, string> | undefined,
    existing: Map<string, string>
  ): NewLabel[] =>
    [...entries.entries()]
      .map(([key, e]) => {
        const mapTo = map?.get(key) ?? null
        // the spelling most rows use ("VIP" over one "vip"), then capitals first ("Wholsale" over "wholsale")
        const name = [...e.spellings.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))[0][0]
        return { name, rows: e.rows, map_to: mapTo, creates: !existing.has(labelTarget(map, name).toLowerCase()) }
      })
      .sort((a, b) => b.rows - a.rows || a.name.localeCompare(b.name))
  const labels: Partial<RunLabels> = {
    new_categories: list(categories, ctx.categoryMap, ctx.groups),
    new_referral_sources: list(sources, ctx.referralSourceMap, ctx.referralSources),
  }
  await patchRunLabels(knex, runId, labels)
  return labels
}

/**
 * The names confirming the import creates: the target of each new value
 * (its own name or the merchant's rename) that is no existing category
 * (choice), once per name whatever the case.
 */
export function namesToCreate(labels: NewLabel[] | undefined, existing: Map<string, string>): string[] {
  const out = new Map<string, string>()
  for (const l of labels ?? []) {
    if (l.rows <= 0) continue
    const target = (l.map_to || l.name).trim()
    const key = target.toLowerCase()
    if (!target || existing.has(key) || out.has(key)) continue
    out.set(key, target)
  }
  return [...out.values()]
}

/**
 * Which of the categories / choices an import created are still used by
 * something else than the rows the undo just removed: members, price list
 * and promotion rules for categories; profiles for choices.
 */
export async function labelsInUse(
  knex: Knex,
  created: { categories: CreatedLabel[]; referral_sources: CreatedLabel[] }
): Promise<Map<string, string>> {
  const reasons = new Map<string, string>()
  const groupIds = created.categories.map((c) => c.id)
  if (groupIds.length) {
    const members = await knex("customer_group_customer as m")
      .join("customer as c", "c.id", "m.customer_id")
      .whereIn("m.customer_group_id", groupIds)
      .whereNull("m.deleted_at")
      .whereNull("c.deleted_at")
      .groupBy("m.customer_group_id")
      .select("m.customer_group_id as id", knex.raw("count(*)::int as n"))
    for (const m of members as { id: string; n: number }[]) {
      reasons.set(m.id, `Still has ${m.n} ${m.n === 1 ? "customer" : "customers"} (added since the import)`)
    }
    // price lists and promotions that target the category (tables of Medusa's pricing and promotion modules)
    const { rows: priced } = await knex.raw(
      `select distinct g.id from unnest(?::text[]) as g(id)
        where exists (select 1 from price_list_rule r where r.deleted_at is null and r.value::text like '%' || g.id || '%')`,
      [groupIds]
    ).catch(() => ({ rows: [] as { id: string }[] }))
    for (const p of priced as { id: string }[]) if (!reasons.has(p.id)) reasons.set(p.id, "Used by a price list")
    const { rows: promoted } = await knex.raw(
      `select distinct v.value as id from promotion_rule_value v where v.deleted_at is null and v.value = any(?)`,
      [groupIds]
    ).catch(() => ({ rows: [] as { id: string }[] }))
    for (const p of promoted as { id: string }[]) if (!reasons.has(p.id)) reasons.set(p.id, "Used by a promotion")
  }
  const sourceIds = created.referral_sources.map((c) => c.id)
  if (sourceIds.length) {
    // profiles of live customers (an undone customer is soft-deleted, its profile kept with it)
    const users = await knex("customer_profile as p")
      .join("customer as c", "c.id", "p.customer_id")
      .whereIn("p.referral_source_id", sourceIds)
      .whereNull("p.deleted_at")
      .whereNull("c.deleted_at")
      .groupBy("p.referral_source_id")
      .select("p.referral_source_id as id", knex.raw("count(*)::int as n"))
    for (const u of users as { id: string; n: number }[]) {
      reasons.set(u.id, `Still the answer of ${u.n} ${u.n === 1 ? "customer" : "customers"} (set since the import)`)
    }
  }
  return reasons
}
