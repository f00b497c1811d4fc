/**
 * The review's "Already in the store?" tab: rows of the file that would
 * create a new customer but look like a customer the store already has. The
 * matching is the duplicate detection's own (same rules, same SQL: the
 * customer_duplicates module's `matchPeople`); this file only picks the rows
 * and reads their values as the commit would write them (E.164 phones, …).
 */
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { validateValues, type ImportContext } from "./validate"
import type { DuplicateConfidence } from "../../types/duplicates"

type Person = {
  ref: string
  email: string | null
  phone: string | null
  first_name: string | null
  last_name: string | null
  postal_code: string | null
  city: string | null
  country_code: string | null
}
type Match = { ref: string; customer_id: string; score: number; confidence: DuplicateConfidence; reasons: string[] }

export type StoreDuplicateRow = {
  id: string
  row_number: number
  values: Record<string, string>
  /** Best match first. */
  matches: { customer_id: string; score: number; confidence: DuplicateConfidence; reasons: string[] }[]
}

/** Rows compared per round trip (the scan's chunk size). */
const CHUNK = 2000

/**
 * Rows to be created (action `new`, not excluded) that match a customer,
 * by row number; `confidence`: likely only (the default) or every match.
 * Every row of the run is compared (in chunks); limit/offset page the rows
 * that match.
 */
export async function listStoreDuplicates(
  knex: Knex,
  runId: string,
  ctx: ImportContext,
  match: (people: Person[]) => Promise<Match[]>,
  opts: { confidence: DuplicateConfidence | "all"; limit: number; offset: number }
): Promise<{ rows: StoreDuplicateRow[]; count: number }> {
  const hits: StoreDuplicateRow[] = []
  let after = 0
  for (;;) {
    const rows: { id: string; row_number: number; values: Record<string, string>; customer_id: string | null }[] =
      await knex("import_row")
        .where({ run_id: runId, action: "new", excluded: false })
        .whereNull("deleted_at")
        .where("row_number", ">", after)
        .orderBy("row_number")
        .limit(CHUNK)
        .select("id", "row_number", "values", "customer_id")
    if (!rows.length) break
    after = rows[rows.length - 1].row_number
    const people = rows.map((r) => {
      const d = validateValues(r.values ?? {}, ctx).row.data
      return {
        ref: r.id,
        email: d.email ?? null,
        phone: d.phone ?? null,
        first_name: d.first_name ?? null,
        last_name: d.last_name ?? null,
        postal_code: d.postal_code ?? null,
        city: d.city ?? null,
        country_code: d.country_code ?? null,
      }
    })
    const found = (await match(people)).filter((m) => opts.confidence === "all" || m.confidence === opts.confidence)
    const byRow = new Map<string, Match[]>()
    for (const m of found) byRow.set(m.ref, [...(byRow.get(m.ref) ?? []), m])
    for (const r of rows) {
      // once committed, a row's own customer is not its duplicate
      const list = (byRow.get(r.id) ?? []).filter((m) => m.customer_id !== r.customer_id)
      if (!list.length) continue
      list.sort((a, b) => b.score - a.score || a.customer_id.localeCompare(b.customer_id))
      hits.push({
        id: r.id,
        row_number: r.row_number,
        values: r.values ?? {},
        matches: list.map(({ ref: _ref, ...m }) => m),
      })
    }
    if (rows.length < CHUNK) break
  }
  return { count: hits.length, rows: hits.slice(opts.offset, opts.offset + opts.limit) }
}
