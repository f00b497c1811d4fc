import {
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaError,
  MedusaService,
} from "@medusajs/framework/utils"
import type { Context } from "@medusajs/framework/types"
import DuplicatePair, { type Confidence } from "./models/duplicate-pair"
import DuplicateDismissal from "./models/duplicate-dismissal"
import DuplicateScan from "./models/duplicate-scan"
import CustomerMerge from "./models/customer-merge"
import { parsePluginOptions, type PluginOptions } from "../../lib/options"
import { DuplicateBlockKey, DuplicateSubject } from "./models/duplicate-key"
import { NICKNAMES } from "./data/nicknames"
import { groupPairs, type GroupPair, type PairGroup } from "./groups"
import { DIAL_JSON } from "./phone-dial"
import {
  CHANGED_DRIVERS,
  COUNT_CHANGED,
  COUNT_FULL,
  FULL_DRIVERS,
  INSERT_BLOCK_KEYS,
  PAIR_CHUNK,
  PROBE_BLOCK_KEYS,
  PROBE_MATCHES,
  PROBE_SUBJECTS,
  REFRESH_SUBJECTS,
} from "./sql"

type Manager = { execute: (sql: string, params?: unknown[]) => Promise<any[]> }

export type ScanMode = "full" | "incremental"

/** Someone who is not a customer yet (a row of an import file), as the rules compare people. */
export type ProbePerson = {
  /** The caller's reference (an import row id). */
  ref: string
  email?: string | null
  phone?: string | null
  first_name?: string | null
  last_name?: string | null
  postal_code?: string | null
  city?: string | null
  /** ISO 3166-1 alpha-2: the country a national phone number is read in. */
  country_code?: string | null
}

/** A customer a probe may be, by the rules of the scan. */
export type ProbeMatch = {
  ref: string
  customer_id: string
  score: number
  confidence: Confidence
  reasons: string[]
}

const NICK_JSON = JSON.stringify(NICKNAMES)

/** How many customers the walk from one customer along its likely pairs looks at, at most. */
const MAX_GROUP_WALK = 200

/** Orders a pair the way it is stored (a < b). */
export function orderPair(x: string, y: string): [string, string] {
  return x < y ? [x, y] : [y, x]
}

/**
 * Duplicate detection: the scan's state, the pairs it found and the
 * "Not a duplicate" dismissals. The scan itself is set-based SQL (sql.ts),
 * run chunk by chunk by the `customer_duplicates.scan` job.
 */
class CustomerDuplicatesModuleService extends MedusaService({
  DuplicatePair,
  DuplicateDismissal,
  DuplicateScan,
  DuplicateSubject,
  DuplicateBlockKey,
  CustomerMerge,
}) {
  readonly options: PluginOptions

  constructor(deps: Record<string, unknown>, moduleOptions?: Record<string, unknown>) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.options = parsePluginOptions(moduleOptions ?? {})
  }

  /** The started_at of the last completed scan (incremental scans look after it). */
  @InjectManager()
  async lastCompletedScan(@MedusaContext() sharedContext: Context = {}): Promise<Date | null> {
    const m = sharedContext.manager as Manager
    const [row] = await m.execute(
      `select max(started_at) as at from customer_duplicate_scan where status = 'completed' and deleted_at is null`
    )
    return row?.at ? new Date(row.at) : null
  }

  /** Up to `limit` customer ids after `after` that the scan looks at. */
  @InjectManager()
  async drivers(
    mode: ScanMode,
    since: Date | null,
    after: string,
    limit: number,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[]> {
    const m = sharedContext.manager as Manager
    const rows =
      mode === "full" || !since
        ? await m.execute(FULL_DRIVERS, [after, limit])
        : await m.execute(CHANGED_DRIVERS, [after, since, since, since, since, since, limit])
    return rows.map((r) => r.id)
  }

  @InjectManager()
  async countDrivers(
    mode: ScanMode,
    since: Date | null,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<number> {
    const m = sharedContext.manager as Manager
    const [row] =
      mode === "full" || !since
        ? await m.execute(COUNT_FULL)
        : await m.execute(COUNT_CHANGED, ["", since, since, since, since, since])
    return Number(row?.n ?? 0)
  }

  /** Phase 1: normalised values, fingerprints and blocking keys of these customers (removed ones lose theirs). */
  @InjectTransactionManager()
  async refreshSubjects(
    ids: string[],
    scanId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    if (!ids.length) return
    const m = sharedContext.transactionManager as Manager
    const json = JSON.stringify(ids)
    await m.execute(
      `delete from customer_duplicate_block_key where customer_id = any(array(select jsonb_array_elements_text(?::jsonb))) and deleted_at is null`,
      [json]
    )
    await m.execute(
      `delete from customer_duplicate_subject where customer_id = any(array(select jsonb_array_elements_text(?::jsonb))) and deleted_at is null`,
      [json]
    )
    await m.execute(REFRESH_SUBJECTS, [json, NICK_JSON, DIAL_JSON, scanId])
    await m.execute(INSERT_BLOCK_KEYS, [json])
  }

  /**
   * Planner statistics of the scan's tables, taken between the two phases
   * of a scan: phase 1 may have just filled them (a first scan of a large
   * store), and phase 2's lookups are planned from these figures.
   */
  @InjectManager()
  async analyzeScanTables(@MedusaContext() sharedContext: Context = {}): Promise<void> {
    const m = sharedContext.manager as Manager
    await m.execute(`analyze customer_duplicate_subject, customer_duplicate_block_key`)
  }

  /**
   * Phase 2: finds and scores the pairs of these customers and drops the
   * pairs of theirs this scan no longer finds. `full`: only partners with a
   * greater id (each pair is looked at once in a full scan).
   */
  @InjectTransactionManager()
  async pairChunk(
    ids: string[],
    scanId: string,
    full: boolean,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<number> {
    if (!ids.length) return 0
    const m = sharedContext.transactionManager as Manager
    const json = JSON.stringify(ids)
    const [row] = await m.execute(PAIR_CHUNK, [json, full, scanId])
    await m.execute(
      `delete from customer_duplicate_pair
        where scan_id <> ? and deleted_at is null
          and (customer_a_id = any(array(select jsonb_array_elements_text(?::jsonb)))
               ${full ? "" : "or customer_b_id = any(array(select jsonb_array_elements_text(?::jsonb)))"})`,
      full ? [scanId, json] : [scanId, json, json]
    )
    return Number(row?.n ?? 0)
  }

  /**
   * Check on write: a customer just created or changed is compared with
   * everyone at once (the same rules as the scan), so its likely duplicates
   * show without waiting for the next scan. Returns the pairs now stored.
   */
  async checkCustomers(ids: string[]): Promise<number> {
    if (!ids.length) return 0
    const checkId = `write_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`
    await this.refreshSubjects(ids, checkId)
    return await this.pairChunk(ids, checkId, false)
  }

  /**
   * The customers each of these people may be — the check on write for
   * people who are not customers yet (an import's rows): the same rules and
   * SQL as the scan, run on temporary subjects and blocking keys that are
   * deleted in the same transaction, so nothing is stored. Dismissals do not
   * apply (they are between customers).
   */
  @InjectTransactionManager()
  async matchPeople(
    people: ProbePerson[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<ProbeMatch[]> {
    if (!people.length) return []
    const m = sharedContext.transactionManager as Manager
    const token = `cdupprobe_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}_`
    const rows = people.map((p, i) => ({
      id: `${token}${i}`,
      email: p.email ?? null,
      phone: p.phone ?? null,
      first_name: p.first_name ?? null,
      last_name: p.last_name ?? null,
      postal_code: p.postal_code ?? null,
      city: p.city ?? null,
      country_code: p.country_code ?? null,
    }))
    const json = JSON.stringify(rows)
    const ids = JSON.stringify(rows.map((r) => r.id))
    await m.execute(PROBE_SUBJECTS, [json, json, NICK_JSON, DIAL_JSON, "probe"])
    await m.execute(PROBE_BLOCK_KEYS, [ids, json])
    const found = await m.execute(PROBE_MATCHES, [ids, false])
    await m.execute(
      `delete from customer_duplicate_block_key where customer_id in (select jsonb_array_elements_text(?::jsonb))`,
      [ids]
    )
    await m.execute(
      `delete from customer_duplicate_subject where customer_id in (select jsonb_array_elements_text(?::jsonb))`,
      [ids]
    )
    const isProbe = (id: string) => id.startsWith(token)
    const out: ProbeMatch[] = []
    for (const f of found) {
      // a probe and a customer (two rows of the file are the import's own duplicates check)
      if (isProbe(f.a) === isProbe(f.b)) continue
      const [probe, customer] = isProbe(f.a) ? [f.a, f.b] : [f.b, f.a]
      out.push({
        ref: people[Number(probe.slice(token.length))].ref,
        customer_id: customer,
        score: Number(f.score),
        confidence: f.confidence,
        reasons: f.reasons ?? [],
      })
    }
    if (!out.length) return out
    // customers removed since their subject was stored are no one's duplicate
    const live = await m.execute(
      `select id from customer where id in (select jsonb_array_elements_text(?::jsonb)) and deleted_at is null`,
      [JSON.stringify([...new Set(out.map((o) => o.customer_id))])]
    )
    const liveIds = new Set(live.map((r) => r.id as string))
    return out.filter((o) => liveIds.has(o.customer_id))
  }

  /**
   * End of a full scan: what it did not see (removed customers) goes —
   * except what a check on write stored after the scan started.
   */
  @InjectTransactionManager()
  async finishFullScan(
    scanId: string,
    startedAt: Date,
    @MedusaContext() sharedContext: Context = {}
  ) {
    const m = sharedContext.transactionManager as Manager
    await m.execute(
      `delete from customer_duplicate_pair where scan_id <> ? and updated_at < ?`,
      [scanId, startedAt]
    )
    await m.execute(
      `delete from customer_duplicate_subject where scan_id <> ? and updated_at < ?`,
      [scanId, startedAt]
    )
    await m.execute(
      `delete from customer_duplicate_block_key k
        where not exists (select 1 from customer_duplicate_subject s where s.customer_id = k.customer_id)`
    )
  }

  /**
   * The review list: groups of live customers (connected likely pairs, see
   * groups.ts), highest score first. With a customer: the groups it is in,
   * found by following its likely pairs outwards (never the whole table).
   */
  async listGroups(filter: {
    confidence?: Confidence
    customer_id?: string
    limit: number
    offset: number
  }): Promise<{ groups: PairGroup[]; count: number }> {
    let pairs: GroupPair[]
    if (filter.customer_id) {
      const members = new Set([filter.customer_id])
      let frontier = [filter.customer_id]
      const found = new Map<string, GroupPair>()
      // a group is rarely more than a handful of customers; the bound keeps a pathological chain cheap
      for (let hop = 0; frontier.length && members.size <= MAX_GROUP_WALK; hop++) {
        const next: string[] = []
        for (const p of await this.livePairs(frontier)) {
          found.set(p.id, p)
          if (p.confidence !== "likely") continue
          for (const id of [p.customer_a_id, p.customer_b_id]) {
            if (!members.has(id)) {
              members.add(id)
              next.push(id)
            }
          }
        }
        frontier = next
      }
      pairs = [...found.values()]
    } else {
      pairs = await this.livePairs()
    }
    const groups = groupPairs(pairs).filter(
      (g) =>
        (!filter.confidence || g.confidence === filter.confidence) &&
        (!filter.customer_id || g.customer_ids.includes(filter.customer_id))
    )
    return { count: groups.length, groups: groups.slice(filter.offset, filter.offset + filter.limit) }
  }

  /** Pairs of two live customers (all, or those touching the given customers). */
  @InjectManager()
  async livePairs(
    customerIds?: string[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<GroupPair[]> {
    const m = sharedContext.manager as Manager
    const params: unknown[] = []
    let touching = ""
    if (customerIds) {
      touching = `and (p.customer_a_id in (select jsonb_array_elements_text(?::jsonb))
                    or p.customer_b_id in (select jsonb_array_elements_text(?::jsonb)))`
      params.push(JSON.stringify(customerIds), JSON.stringify(customerIds))
    }
    const rows = await m.execute(
      `select p.id, p.customer_a_id, p.customer_b_id, p.score, p.confidence, p.reasons, p.updated_at as detected_at
         from customer_duplicate_pair p
         join customer ca on ca.id = p.customer_a_id and ca.deleted_at is null
         join customer cb on cb.id = p.customer_b_id and cb.deleted_at is null
        where p.deleted_at is null ${touching}`,
      params
    )
    return rows.map((r) => ({ ...r, score: Number(r.score), reasons: r.reasons ?? [] }))
  }

  /**
   * "Not a duplicate": remembers the pair with both customers' current
   * fingerprints and removes it from the list. Both must be live customers.
   */
  @InjectTransactionManager()
  async dismiss(
    customerIds: [string, string],
    actorId: string | null,
    @MedusaContext() sharedContext: Context = {}
  ) {
    const m = sharedContext.transactionManager as Manager
    const [a, b] = orderPair(customerIds[0], customerIds[1])
    const live = await m.execute(
      `select id from customer where id in (?, ?) and deleted_at is null`,
      [a, b]
    )
    const missing = [a, b].filter((id) => !live.some((r) => r.id === id))
    if (missing.length) {
      throw new MedusaError(
        MedusaError.Types.NOT_FOUND,
        `Customer ${missing.join(", ")} was not found`
      )
    }
    // The fingerprints of the data as it is now (what the admin looked at).
    await this.refreshSubjects([a, b], "dismiss", sharedContext)
    const subjects = await m.execute(
      `select customer_id, fingerprint from customer_duplicate_subject where customer_id in (?, ?)`,
      [a, b]
    )
    const fp = (id: string) => subjects.find((s) => s.customer_id === id)?.fingerprint as string
    await m.execute(
      `insert into customer_duplicate_dismissal
         (id, customer_a_id, customer_b_id, fingerprint_a, fingerprint_b, dismissed_by, created_at, updated_at)
       values ('cdupd_' || replace(gen_random_uuid()::text, '-', ''), ?, ?, ?, ?, ?, now(), now())
       on conflict (customer_a_id, customer_b_id) where deleted_at is null do update
          set fingerprint_a = excluded.fingerprint_a, fingerprint_b = excluded.fingerprint_b,
              dismissed_by = excluded.dismissed_by, updated_at = now()`,
      [a, b, fp(a), fp(b), actorId]
    )
    await m.execute(
      `delete from customer_duplicate_pair where customer_a_id = ? and customer_b_id = ?`,
      [a, b]
    )
    return { customer_ids: [a, b] as [string, string] }
  }
}

export default CustomerDuplicatesModuleService
