import {
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaError,
  MedusaService,
} from "@medusajs/framework/utils"
import type { Context } from "@medusajs/framework/types"
import PointsAccount from "./models/points-account"
import PointsEntry, { type EntryKind } from "./models/points-entry"
import PointsLot from "./models/points-lot"
import PointsAllocation from "./models/points-allocation"
import { parsePluginOptions, type PluginOptions } from "../../lib/options"
import {
  ACCOUNT_CODE_PATTERN,
  normalizeAccountCode,
  pointsValue,
} from "./points-math"
import * as ledger from "./ledger"
import type {
  AccountRow,
  CreditInput,
  DebitInput,
  EntryRow,
  ExpireResult,
  LedgerWrite,
  ReverseInput,
} from "./types"

export type {
  AccountRow,
  CreditInput,
  DebitInput,
  EntryRow,
  ExpireResult,
  ExpiredCustomer,
  LedgerWrite,
  ReverseInput,
} from "./types"

const DAY_MS = 24 * 60 * 60 * 1000
export const EXPIRING_SOON_DAYS = 30

type Manager = {
  execute: (sql: string, params?: unknown[]) => Promise<any[]>
}

function isUniqueViolation(e: unknown) {
  return (e as { code?: string })?.code === "23505" ||
    /duplicate key value/.test(String((e as Error)?.message))
}

/** A generated writer the ledger does not allow. */
const refuse = (message: string) => async (): Promise<never> => {
  throw new Error(message)
}

/**
 * Loyalty points: accounts, an append-only ledger, lots with an expiry date
 * and the allocations of debits to lots.
 *
 * Every write is one call of the SQL function family (./ledger.ts, migration
 * 20261207142500, docs/ledger.md): the account row is locked first, the
 * idempotency key looked up after the lock (a replay returns the first entry
 * and writes nothing), lots past their date expired only once the account's
 * `next_expiry_at` has passed, and the entry, the lots, the allocations and
 * the balance move together, so balance = Σ entries = Σ lot remainders; the
 * balance never goes below zero.
 */
class CustomerPointsModuleService extends MedusaService({
  PointsAccount,
  PointsEntry,
  PointsLot,
  PointsAllocation,
}) {
  readonly options: PluginOptions

  /** The shared knex pool: a debit outside a caller's transaction is one plain statement on it. */
  private readonly pg: { raw(sql: string, bindings: unknown[]): Promise<{ rows: any[] }> } | null

  constructor(deps: Record<string, unknown>, moduleOptions?: Record<string, unknown>) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.options = parsePluginOptions(moduleOptions ?? {})
    let pg: unknown = null
    try {
      pg = deps.__pg_connection__ ?? null
    } catch {
      pg = null
    }
    this.pg = pg as typeof this.pg
  }

  // The ledger is written only through credit/debit/reverse/expire: the
  // generated writers of entries, lots and allocations refuse.
  updatePointsEntries = refuse("Points entries are append-only")
  deletePointsEntries = refuse("Points entries are append-only")
  softDeletePointsEntries = refuse("Points entries are append-only")
  createPointsEntries = refuse("Use credit/debit/reverse to write points entries")
  updatePointsLots = refuse("Lots change only with the ledger")
  updatePointsAllocations = refuse("Allocations change only with the ledger")
  createPointsLots = refuse("Lots change only with the ledger")
  deletePointsLots = refuse("Lots change only with the ledger")
  softDeletePointsLots = refuse("Lots change only with the ledger")
  createPointsAllocations = refuse("Allocations change only with the ledger")
  deletePointsAllocations = refuse("Allocations change only with the ledger")
  softDeletePointsAllocations = refuse("Allocations change only with the ledger")
  createPointsAccounts = refuse("Accounts are created by the ledger")
  updatePointsAccounts = refuse("Use enroll/setCode; the balance changes only with the ledger")

  /** Currency value of a number of points (option `pointValue`). */
  valueOfPoints(points: number): number {
    return pointsValue(points, this.options.pointValue)
  }

  // ---------------------------------------------------------------- accounts

  /** Locks the customer's account row (creating it): part of the caller's transaction. */
  private async lockAccount(m: Manager, customerId: string): Promise<AccountRow> {
    return await ledger.lockAccount((sql, bindings) => m.execute(sql, bindings), customerId)
  }

  @InjectTransactionManager()
  async getOrCreateAccount(
    customer_id: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<AccountRow> {
    return await this.lockAccount(sharedContext.transactionManager as Manager, customer_id)
  }

  /** The account, or null when the customer never had one (read only). */
  @InjectManager()
  async findAccount(
    customer_id: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<AccountRow | null> {
    const m = sharedContext.manager as Manager
    const [row] = await m.execute(
      `select * from points_account where customer_id = ? and deleted_at is null`,
      [customer_id]
    )
    return (row as AccountRow) ?? null
  }

  /** The account whose code matches (case- and space-insensitive). */
  @InjectManager()
  async findAccountByCode(
    code: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<AccountRow | null> {
    const m = sharedContext.manager as Manager
    const [row] = await m.execute(
      `select * from points_account where code = ? and deleted_at is null`,
      [normalizeAccountCode(code)]
    )
    return (row as AccountRow) ?? null
  }

  @InjectTransactionManager()
  async enroll(
    customer_id: string,
    enrolled: boolean,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<AccountRow> {
    const m = sharedContext.transactionManager as Manager
    const account = await this.lockAccount(m, customer_id)
    const [row] = await m.execute(
      `update points_account
          set enrolled = ?,
              enrolled_at = case when ? then coalesce(enrolled_at, now()) else enrolled_at end,
              updated_at = now()
        where id = ? returning *`,
      [enrolled, enrolled, account.id]
    )
    return row as AccountRow
  }

  /**
   * Sets the account code (e.g. to match a physical card). Throws INVALID_DATA
   * with a clear message when the code is malformed or another customer has it.
   */
  async setCode(
    customer_id: string,
    code: string,
    sharedContext: Context = {}
  ): Promise<AccountRow> {
    const normalized = normalizeAccountCode(code)
    if (!ACCOUNT_CODE_PATTERN.test(normalized)) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        "The loyalty account code must be 4 to 32 letters, digits or dashes"
      )
    }
    try {
      return await this.setCode_(customer_id, normalized, sharedContext)
    } catch (e) {
      if (isUniqueViolation(e)) {
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          `The loyalty account code ${normalized} is already used by another customer`
        )
      }
      throw e
    }
  }

  @InjectTransactionManager()
  protected async setCode_(
    customer_id: string,
    code: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<AccountRow> {
    const m = sharedContext.transactionManager as Manager
    const account = await this.lockAccount(m, customer_id)
    const [other] = await m.execute(
      `select customer_id from points_account where code = ? and id <> ? and deleted_at is null`,
      [code, account.id]
    )
    if (other) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `The loyalty account code ${code} is already used by another customer`
      )
    }
    const [row] = await m.execute(
      `update points_account set code = ?, updated_at = now() where id = ? returning *`,
      [code, account.id]
    )
    return row as AccountRow
  }

  @InjectManager()
  async balance(
    customer_id: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<number> {
    const account = await this.findAccount(customer_id, sharedContext)
    return account?.balance ?? 0
  }

  /**
   * Balance, value, points expiring within `EXPIRING_SOON_DAYS` and the next
   * expiry of the customer (zeros when there is no account).
   */
  @InjectManager()
  async summary(
    customer_id: string,
    now: Date = new Date(),
    @MedusaContext() sharedContext: Context = {}
  ) {
    const m = sharedContext.manager as Manager
    const account = await this.findAccount(customer_id, sharedContext)
    let expiring_soon = 0
    let next_expiry: { points: number; expires_at: Date } | null = null
    if (account) {
      const soon = new Date(now.getTime() + EXPIRING_SOON_DAYS * DAY_MS)
      const [agg] = await m.execute(
        `select coalesce(sum(remaining) filter (where expires_at <= ?), 0)::bigint as soon
           from points_lot where account_id = ? and remaining > 0 and deleted_at is null`,
        [soon, account.id]
      )
      expiring_soon = Number(agg?.soon ?? 0)
      const [next] = await m.execute(
        `select expires_at, sum(remaining)::bigint as points from points_lot
          where account_id = ? and remaining > 0 and deleted_at is null
          group by expires_at order by expires_at limit 1`,
        [account.id]
      )
      if (next) {
        next_expiry = { points: Number(next.points), expires_at: next.expires_at }
      }
    }
    const balance = account?.balance ?? 0
    return {
      customer_id,
      account_id: account?.id ?? null,
      enrolled: account?.enrolled ?? false,
      enrolled_at: account?.enrolled_at ?? null,
      code: account?.code ?? null,
      balance,
      value: this.valueOfPoints(balance),
      expiring_soon,
      expiring_soon_days: EXPIRING_SOON_DAYS,
      next_expiry,
      point_value: this.options.pointValue,
      expiry_days: this.options.pointsExpiryDays,
    }
  }

  /** Ledger entries of a customer, newest first. */
  @InjectManager()
  async history(
    customer_id: string,
    filters: { kinds?: EntryKind[]; from?: Date; to?: Date; limit?: number; offset?: number } = {},
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ entries: EntryRow[]; count: number }> {
    const where: Record<string, unknown> = { customer_id }
    if (filters.kinds?.length) where.kind = filters.kinds
    const created: Record<string, Date> = {}
    if (filters.from) created.$gte = filters.from
    if (filters.to) created.$lte = filters.to
    if (Object.keys(created).length) where.created_at = created
    const [entries, count] = await this.listAndCountPointsEntries(
      where,
      {
        order: { created_at: "DESC", id: "DESC" },
        take: filters.limit ?? 20,
        skip: filters.offset ?? 0,
      },
      sharedContext
    )
    return { entries: entries as unknown as EntryRow[], count }
  }

  // ----------------------------------------------------------------- ledger

  /**
   * One statement: on the caller's transaction (or manager) when there is
   * one, else on the shared pool (its own transaction).
   */
  private runner(sharedContext: Context): ledger.Run {
    const m = (sharedContext.transactionManager ?? sharedContext.manager) as Manager | undefined
    const pg = this.pg
    return async (sql, bindings) =>
      m ? await m.execute(sql, bindings) : pg ? (await pg.raw(sql, bindings)).rows : await this.execute_(sql, bindings)
  }

  @InjectManager()
  protected async execute_(
    sql: string,
    bindings: unknown[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<any[]> {
    return await (sharedContext.manager as Manager).execute(sql, bindings)
  }

  /**
   * Adds points: one entry and one lot expiring `pointsExpiryDays` after
   * `earned_at`. Replaying the idempotency key returns the first entry
   * (`replayed: true`) and writes nothing.
   */
  async credit(input: CreditInput, sharedContext: Context = {}): Promise<LedgerWrite> {
    return await ledger.credit(this.runner(sharedContext), input, this.options.pointsExpiryDays)
  }

  /**
   * Takes points from the soonest-expiring lots first (lots past their date
   * expire first). Throws NOT_ALLOWED ("Not enough points: balance N") when
   * the balance is too low.
   */
  async debit(input: DebitInput, sharedContext: Context = {}): Promise<LedgerWrite> {
    return await ledger.debit(this.runner(sharedContext), input)
  }

  /** Reverses (part of) an entry: see `reverse` in ./ledger.ts. */
  async reverse(input: ReverseInput, sharedContext: Context = {}): Promise<LedgerWrite> {
    return await ledger.reverse(this.runner(sharedContext), input)
  }

  // ----------------------------------------------------------------- expiry

  /**
   * Expires up to `limit` lots past their date (soonest first) in one
   * transaction: locks their accounts (id order) then the lots (expires_at,
   * id order), then writes the entries set-based. Returns what it expired
   * per customer; 0 lots means nothing is due. Safe to re-run.
   */
  async expireDue(
    now: Date = new Date(),
    opts: { limit?: number; source_id?: string | null } = {},
    sharedContext: Context = {}
  ): Promise<ExpireResult> {
    const limit = Math.max(1, Math.min(opts.limit ?? 5_000, 50_000))
    return await ledger.expireDue(this.runner(sharedContext), now, limit, opts.source_id ?? null)
  }

  /** Number of lots past their date still holding points. */
  @InjectManager()
  async countDue(
    now: Date = new Date(),
    @MedusaContext() sharedContext: Context = {}
  ): Promise<number> {
    const m = sharedContext.manager as Manager
    const [row] = await m.execute(
      `select count(*)::bigint as n from points_lot
        where remaining > 0 and deleted_at is null and expires_at <= ?`,
      [now]
    )
    return Number(row?.n ?? 0)
  }

  /** Checks balance = Σ entries = Σ lot remainders for every account (or one). */
  @InjectManager()
  async audit(
    customer_id?: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ accounts: number; mismatches: { customer_id: string; balance: number; entries: number; lots: number }[] }> {
    const m = sharedContext.manager as Manager
    // Set-based: one pass over entries and lots, only mismatches come back.
    const rows = await m.execute(
      `with e as (
         select account_id, sum(points) as total from points_entry
          where deleted_at is null and (?::text is null or customer_id = ?) group by account_id
       ), l as (
         select account_id, sum(remaining) as total from points_lot
          where deleted_at is null and (?::text is null or customer_id = ?) group by account_id
       ), a as (
         select a.customer_id, a.balance, coalesce(e.total, 0)::bigint as entries, coalesce(l.total, 0)::bigint as lots
           from points_account a
           left join e on e.account_id = a.id
           left join l on l.account_id = a.id
          where a.deleted_at is null and (?::text is null or a.customer_id = ?)
       )
       select (select count(*) from a)::bigint as accounts,
              coalesce((select json_agg(a) from a
                         where a.balance <> a.entries or a.balance <> a.lots or a.balance < 0), '[]'::json) as mismatches`,
      Array(6).fill(customer_id ?? null)
    )
    const mismatches = (rows[0]?.mismatches ?? []).map((r: Record<string, unknown>) => ({
      customer_id: r.customer_id as string,
      balance: Number(r.balance),
      entries: Number(r.entries),
      lots: Number(r.lots),
    }))
    return { accounts: Number(rows[0]?.accounts ?? 0), mismatches }
  }
}

export default CustomerPointsModuleService
