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
import { DIAL_JSON } from "./phone-dial"
import {
  CHANGED_DRIVERS,
  COUNT_CHANGED,
  COUNT_FULL,
  FULL_DRIVERS,
  INSERT_BLOCK_KEYS,
  PAIR_CHUNK,
  REFRESH_SUBJECTS,
} from "./sql"

type Manager = { execute: (sql: string, params?: unknown[]) => Promise<any[]> }

export type ScanMode = "full" | "incremental"

export type PairRow = {
  id: string
  customer_a_id: string
  customer_b_id: string
  score: number
  confidence: Confidence
  reasons: string[]
  detected_at: Date
}

const NICK_JSON = JSON.stringify(NICKNAMES)

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
   * The review list: pairs of two live customers, highest score first.
   * A pair is a group of two (connected groups are a later step).
   */
  @InjectManager()
  async listPairs(
    filter: { confidence?: Confidence; customer_id?: string; limit: number; offset: number },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ pairs: PairRow[]; count: number }> {
    const m = sharedContext.manager as Manager
    const where: string[] = [
      "p.deleted_at is null",
      "exists (select 1 from customer c where c.id = p.customer_a_id and c.deleted_at is null)",
      "exists (select 1 from customer c where c.id = p.customer_b_id and c.deleted_at is null)",
    ]
    const params: unknown[] = []
    if (filter.confidence) {
      where.push("p.confidence = ?")
      params.push(filter.confidence)
    }
    if (filter.customer_id) {
      where.push("(p.customer_a_id = ? or p.customer_b_id = ?)")
      params.push(filter.customer_id, filter.customer_id)
    }
    const sql = `from customer_duplicate_pair p where ${where.join(" and ")}`
    const [countRow] = await m.execute(`select count(*)::int as n ${sql}`, params)
    const rows = await m.execute(
      `select p.id, p.customer_a_id, p.customer_b_id, p.score, p.confidence, p.reasons, p.updated_at as detected_at
       ${sql} order by p.score desc, p.id limit ? offset ?`,
      [...params, filter.limit, filter.offset]
    )
    return {
      count: Number(countRow?.n ?? 0),
      pairs: rows.map((r) => ({ ...r, score: Number(r.score) })),
    }
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
