import {
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaError,
  MedusaService,
  generateEntityId,
} from "@medusajs/framework/utils"
import type { Context } from "@medusajs/framework/types"
import { randomInt } from "crypto"
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

const DAY_MS = 24 * 60 * 60 * 1000
export const EXPIRING_SOON_DAYS = 30

type Manager = {
  execute: (sql: string, params?: unknown[]) => Promise<any[]>
}

export type AccountRow = {
  id: string
  customer_id: string
  enrolled: boolean
  enrolled_at: Date | null
  balance: number
  code: string
  created_at: Date
  updated_at: Date
}

export type EntryRow = {
  id: string
  account_id: string
  customer_id: string
  kind: EntryKind
  points: number
  balance_after: number
  reason: string | null
  actor_type: string
  actor_id: string | null
  source_type: string | null
  source_id: string | null
  idempotency_key: string
  lot_id: string | null
  reverses_entry_id: string | null
  reversed: number
  metadata: Record<string, unknown> | null
  created_at: Date
}

type Actor = {
  reason?: string | null
  actor_type: string
  actor_id?: string | null
  source_type?: string | null
  source_id?: string | null
  idempotency_key: string
  metadata?: Record<string, unknown> | null
}

export type CreditInput = Actor & {
  customer_id: string
  points: number
  kind: "earn" | "manual_add" | "reversal"
  /** When the points were earned (lot expiry counts from it). Default now. */
  earned_at?: Date
}

export type DebitInput = Actor & {
  customer_id: string
  points: number
  kind: "redeem" | "manual_remove" | "reversal"
}

export type ReverseInput = {
  entry_id: string
  /** Default: what is left to reverse of the entry. */
  points?: number
  reason?: string | null
  actor_type: string
  actor_id?: string | null
  idempotency_key: string
  metadata?: Record<string, unknown> | null
}

export type ExpiredCustomer = { customer_id: string; points: number; lots: number }
export type ExpireResult = {
  /** True when the candidates were taken meanwhile: call again. */
  retry?: boolean
  lots: number
  points: number
  customers: ExpiredCustomer[]
}

const ENTRY_COLUMNS = `id, account_id, customer_id, kind, points, balance_after, reason,
  actor_type, actor_id, source_type, source_id, idempotency_key, lot_id,
  reverses_entry_id, reversed, metadata, created_at`

function assertPoints(points: unknown, field = "points"): asserts points is number {
  if (
    typeof points !== "number" ||
    !Number.isSafeInteger(points) ||
    points <= 0 ||
    points > 1_000_000_000
  ) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `${field} must be a whole number of points greater than 0`
    )
  }
}

function assertText(value: unknown, field: string) {
  if (typeof value !== "string" || !value.trim()) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `${field} is required`)
  }
}

function generateAccountCode() {
  // 12 digits, no leading zero: fits every Code128 scanner and keypad.
  let code = String(randomInt(1, 10))
  for (let i = 0; i < 11; i++) code += String(randomInt(0, 10))
  return code
}

function isUniqueViolation(e: unknown) {
  return (e as { code?: string })?.code === "23505" ||
    /duplicate key value/.test(String((e as Error)?.message))
}

/**
 * Loyalty points: accounts, an append-only ledger, lots with an expiry date
 * and the allocations of debits to lots.
 *
 * Every mutation runs in one transaction and locks in a fixed order: the
 * account row (`FOR UPDATE`) first, then its lots ordered by
 * (`expires_at`, `id`). Under that lock the account balance, the sum of the
 * entries and the sum of the lot remainders move together, so they stay equal;
 * the balance never goes below zero. Each entry carries a unique idempotency
 * key: replaying a key returns the first entry and writes nothing.
 */
/** A generated writer the ledger does not allow. */
const refuse = (message: string) => async (): Promise<never> => {
  throw new Error(message)
}

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

  /** Currency value of a number of points (option `pointValue`). */
  valueOfPoints(points: number): number {
    return pointsValue(points, this.options.pointValue)
  }

  // ---------------------------------------------------------------- accounts

  /** Locks the customer's account row, creating the account if needed. */
  private async lockAccount(m: Manager, customerId: string): Promise<AccountRow> {
    assertText(customerId, "customer_id")
    for (let attempt = 0; attempt < 8; attempt++) {
      const [row] = await m.execute(
        `select * from points_account where customer_id = ? and deleted_at is null for update`,
        [customerId]
      )
      if (row) {
        return row as AccountRow
      }
      // A clash on the random code (or a concurrent creation) inserts nothing.
      await m.execute(
        `insert into points_account (id, customer_id, code, enrolled, balance)
         values (?, ?, ?, false, 0) on conflict do nothing`,
        [generateEntityId(undefined, "ptsacc"), customerId, generateAccountCode()]
      )
    }
    throw new MedusaError(
      MedusaError.Types.UNEXPECTED_STATE,
      "Could not create a loyalty account"
    )
  }

  /**
   * Locks for a write: the account row first (created if needed), then in a
   * second statement — whose snapshot is taken after the lock, so it sees
   * every write committed before — its lots in (expires_at, id) order (when
   * `withLots`) and the entry already written under the idempotency key.
   */
  private async lockForWrite(
    m: Manager,
    customerId: string,
    key: string,
    withLots: boolean,
    now: Date
  ): Promise<{
    account: AccountRow
    existing: EntryRow | null
    lots: { id: string; remaining: number; due: boolean }[]
  }> {
    const account = await this.lockAccount(m, customerId)
    const [row] = await m.execute(
      `with l as (
         select l.id, l.remaining, l.expires_at, l.expires_at <= ? as due
           from points_lot l
          where ? and l.account_id = ? and l.remaining > 0 and l.deleted_at is null
          order by l.expires_at, l.id
            for update of l
       )
       select (select row_to_json(e) from (
                 select ${ENTRY_COLUMNS} from points_entry
                  where idempotency_key = ? and deleted_at is null
               ) e) as existing,
              (select coalesce(json_agg(json_build_object('id', l.id, 'remaining', l.remaining, 'due', l.due)
                        order by l.expires_at, l.id), '[]'::json) from l) as lots`,
      [now, withLots, account.id, key]
    )
    let existing: EntryRow | null = null
    if (row.existing) {
      if (row.existing.customer_id !== customerId) {
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          `Idempotency key ${key} was already used for another customer`
        )
      }
      // Through the driver's own types (dates), not JSON.
      existing = await this.findByKey(m, key, customerId)
    }
    return { account, existing, lots: row.lots ?? [] }
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

  private async findByKey(
    m: Manager,
    key: string,
    customerId: string
  ): Promise<EntryRow | null> {
    const [row] = await m.execute(
      `select ${ENTRY_COLUMNS} from points_entry where idempotency_key = ? and deleted_at is null`,
      [key]
    )
    if (!row) return null
    if (row.customer_id !== customerId) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Idempotency key ${key} was already used for another customer`
      )
    }
    return row as EntryRow
  }

  private async insertEntry(
    m: Manager,
    e: Omit<EntryRow, "id" | "created_at" | "reversed"> & { id?: string }
  ): Promise<EntryRow> {
    const [row] = await m.execute(
      `insert into points_entry (id, account_id, customer_id, kind, points, balance_after, reason,
         actor_type, actor_id, source_type, source_id, idempotency_key, lot_id, reverses_entry_id,
         reversed, metadata)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?::jsonb)
       returning ${ENTRY_COLUMNS}`,
      [
        e.id ?? generateEntityId(undefined, "ptsent"),
        e.account_id,
        e.customer_id,
        e.kind,
        e.points,
        e.balance_after,
        e.reason ?? null,
        e.actor_type,
        e.actor_id ?? null,
        e.source_type ?? null,
        e.source_id ?? null,
        e.idempotency_key,
        e.lot_id ?? null,
        e.reverses_entry_id ?? null,
        e.metadata ? JSON.stringify(e.metadata) : null,
      ]
    )
    return row as EntryRow
  }

  private async addToBalance(m: Manager, accountId: string, delta: number) {
    if (delta === 0) return
    await m.execute(
      `update points_account set balance = balance + ?, updated_at = now() where id = ?`,
      [delta, accountId]
    )
  }

  /**
   * Expires the due lots of one locked account (called before a debit so
   * points past their date cannot be spent). Returns the points expired.
   */
  private async expireAccountDue(m: Manager, account: AccountRow, now: Date) {
    const due = await m.execute(
      `select id from points_lot
        where account_id = ? and remaining > 0 and deleted_at is null and expires_at <= ?
        order by expires_at, id for update`,
      [account.id, now]
    )
    if (!due.length) return 0
    const res = await this.expireLockedLots(m, due.map((r) => r.id), now, "debit")
    account.balance -= res.points
    return res.points
  }

  /**
   * The set-based expiry of lots already locked by the caller (with their
   * accounts): one expire entry per lot (idempotency key `expire:<lot id>`),
   * lot emptied, account balances reduced — in one statement.
   */
  private async expireLockedLots(
    m: Manager,
    lotIds: string[],
    now: Date,
    sourceId: string | null
  ): Promise<ExpireResult> {
    const rows = await m.execute(
      `with due as (
         select l.id, l.account_id, l.customer_id, l.remaining,
                a.balance - sum(l.remaining) over (
                  partition by l.account_id order by l.expires_at, l.id
                ) as balance_after
           from points_lot l
           join points_account a on a.id = l.account_id
          where l.id in (select jsonb_array_elements_text(?::jsonb))
            and l.remaining > 0 and l.expires_at <= ?
       ),
       ins as (
         insert into points_entry (id, account_id, customer_id, kind, points, balance_after, reason,
           actor_type, actor_id, source_type, source_id, idempotency_key, lot_id, reversed)
         select 'ptsent_' || upper(replace(gen_random_uuid()::text, '-', '')),
                d.account_id, d.customer_id, 'expire', -d.remaining, d.balance_after,
                'Points expired', 'system', null, 'job', ?, 'expire:' || d.id, d.id, 0
           from due d
         on conflict (idempotency_key) where deleted_at is null do nothing
         returning lot_id, account_id, customer_id, -points as points
       ),
       lots as (
         update points_lot l set remaining = 0, expired_at = ?, updated_at = now()
           from ins where l.id = ins.lot_id
         returning l.id
       ),
       accounts as (
         update points_account a set balance = a.balance - s.points, updated_at = now()
           from (select account_id, sum(points) as points from ins group by account_id) s
          where a.id = s.account_id
         returning a.id
       )
       select customer_id, sum(points)::bigint as points, count(*)::int as lots,
              (select count(*) from lots)::int as lots_updated,
              (select count(*) from accounts)::int as accounts_updated
         from ins group by customer_id`,
      [JSON.stringify(lotIds), now, sourceId, now]
    )
    const customers = rows.map((r) => ({
      customer_id: r.customer_id as string,
      points: Number(r.points),
      lots: Number(r.lots),
    }))
    return {
      lots: customers.reduce((s, c) => s + c.lots, 0),
      points: customers.reduce((s, c) => s + c.points, 0),
      customers,
    }
  }

  /**
   * Adds points: one entry and one lot expiring `pointsExpiryDays` after
   * `earned_at`. Replaying the idempotency key returns the first entry.
   */
  @InjectTransactionManager()
  async credit(
    input: CreditInput,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<EntryRow> {
    assertPoints(input.points)
    assertText(input.idempotency_key, "idempotency_key")
    assertText(input.actor_type, "actor_type")
    if (!["earn", "manual_add", "reversal"].includes(input.kind)) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `kind ${input.kind} is not a credit`)
    }
    const m = sharedContext.transactionManager as Manager
    const { account, existing } = await this.lockForWrite(
      m,
      input.customer_id,
      input.idempotency_key,
      false,
      new Date()
    )
    if (existing) return existing

    const earnedAt = input.earned_at ?? new Date()
    const expiresAt = new Date(earnedAt.getTime() + this.options.pointsExpiryDays * DAY_MS)
    const entryId = generateEntityId(undefined, "ptsent")
    const lotId = generateEntityId(undefined, "ptslot")
    // Entry, lot and balance in one statement.
    const [entry] = await m.execute(
      `with ins as (
         insert into points_entry (id, account_id, customer_id, kind, points, balance_after, reason,
           actor_type, actor_id, source_type, source_id, idempotency_key, lot_id, reverses_entry_id,
           reversed, metadata)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null, 0, ?::jsonb)
         returning ${ENTRY_COLUMNS}
       ), lot as (
         insert into points_lot (id, account_id, customer_id, entry_id, points, remaining, earned_at, expires_at)
         values (?, ?, ?, ?, ?, ?, ?, ?)
         returning id
       ), acc as (
         update points_account set balance = balance + ?, updated_at = now() where id = ? returning id
       )
       select ins.* from ins, lot, acc`,
      [
        entryId,
        account.id,
        input.customer_id,
        input.kind,
        input.points,
        account.balance + input.points,
        input.reason ?? null,
        input.actor_type,
        input.actor_id ?? null,
        input.source_type ?? null,
        input.source_id ?? null,
        input.idempotency_key,
        lotId,
        input.metadata ? JSON.stringify(input.metadata) : null,
        lotId,
        account.id,
        input.customer_id,
        entryId,
        input.points,
        input.points,
        earnedAt,
        expiresAt,
        input.points,
        account.id,
      ]
    )
    return entry as EntryRow
  }

  /**
   * Takes points from the soonest-expiring lots first. Throws NOT_ALLOWED
   * ("Not enough points: balance N") when the balance is too low.
   */
  async debit(input: DebitInput, sharedContext: Context = {}): Promise<EntryRow> {
    assertPoints(input.points)
    assertText(input.idempotency_key, "idempotency_key")
    assertText(input.actor_type, "actor_type")
    assertText(input.customer_id, "customer_id")
    if (!["redeem", "manual_remove", "reversal"].includes(input.kind)) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `kind ${input.kind} is not a debit`)
    }
    // One statement = one transaction (or part of the caller's): the function
    // cbo_points_debit (migration 20261123050000) locks the account row, then
    // its lots by (expires_at, id), expires lots past their date, checks the
    // balance, takes from the soonest-expiring lots and writes the entry.
    const m = (sharedContext.transactionManager ?? sharedContext.manager) as Manager | undefined
    const pg = this.pg
    const run = async (sql: string, bindings: unknown[]) =>
      m ? await m.execute(sql, bindings) : pg ? (await pg.raw(sql, bindings)).rows : await this.execute_(sql, bindings)
    try {
      const [row] = await run(
        `select ${ENTRY_COLUMNS} from cbo_points_debit(?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)`,
        [
          input.customer_id,
          input.points,
          input.kind,
          input.reason ?? null,
          input.actor_type,
          input.actor_id ?? null,
          input.source_type ?? null,
          input.source_id ?? null,
          input.idempotency_key,
          input.metadata ? JSON.stringify(input.metadata) : null,
          new Date(),
          generateEntityId(undefined, "ptsent"),
          generateEntityId(undefined, "ptsacc"),
          generateAccountCode(),
        ]
      )
      return row as EntryRow
    } catch (e) {
      const message = String((e as Error)?.message ?? "")
      const short = /Not enough points: balance \d+/.exec(message)
      if (short) {
        throw new MedusaError(MedusaError.Types.NOT_ALLOWED, short[0])
      }
      const other = /Idempotency key .* was already used for another customer/.exec(message)
      if (other) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, other[0])
      }
      throw e
    }
  }

  @InjectManager()
  protected async execute_(
    sql: string,
    bindings: unknown[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<any[]> {
    return await (sharedContext.manager as Manager).execute(sql, bindings)
  }

  /** Takes `points` from lots in the given order (soonest-expiring first). */
  private allocate(lots: { id: string; remaining: number }[], points: number) {
    let need = points
    const takes: { id: string; lot_id: string; take: number }[] = []
    for (const lot of lots) {
      if (need <= 0) break
      const take = Math.min(lot.remaining, need)
      takes.push({ id: generateEntityId(undefined, "ptsalc"), lot_id: lot.id, take })
      need -= take
    }
    if (need > 0) {
      // Balance and lots disagree: refuse rather than lose a point.
      throw new MedusaError(
        MedusaError.Types.UNEXPECTED_STATE,
        "Points lots do not cover the balance"
      )
    }
    return takes
  }

  /**
   * Locks the account's lots (expires_at, id order) and takes `points` from
   * them, `preferLotId` first then soonest-expiring first, recording an
   * allocation per lot. The caller has checked the balance.
   */
  private async takeFromLots(
    m: Manager,
    accountId: string,
    entryId: string,
    points: number,
    preferLotId: string | null
  ) {
    if (points <= 0) return
    const lots: { id: string; remaining: number }[] = await m.execute(
      `select id, remaining from points_lot
        where account_id = ? and remaining > 0 and deleted_at is null
        order by expires_at, id for update`,
      [accountId]
    )
    if (preferLotId) {
      lots.sort((a, b) => (a.id === preferLotId ? -1 : b.id === preferLotId ? 1 : 0))
    }
    let need = points
    const takes: { lot_id: string; take: number; id: string }[] = []
    for (const lot of lots) {
      if (need <= 0) break
      const take = Math.min(lot.remaining, need)
      takes.push({ lot_id: lot.id, take, id: generateEntityId(undefined, "ptsalc") })
      need -= take
    }
    if (need > 0) {
      // Balance and lots disagree: refuse rather than lose a point.
      throw new MedusaError(
        MedusaError.Types.UNEXPECTED_STATE,
        "Points lots do not cover the balance"
      )
    }
    await m.execute(
      `with t as (select * from json_to_recordset(?::json) as x(id text, lot_id text, take int)),
       upd as (
         update points_lot l set remaining = l.remaining - t.take, updated_at = now()
           from t where l.id = t.lot_id returning l.id
       )
       insert into points_allocation (id, entry_id, lot_id, points, reversed)
       select t.id, ?, t.lot_id, t.take, 0 from t`,
      [JSON.stringify(takes), entryId]
    )
  }

  /**
   * Reverses (part of) an entry. A debit's reversal gives the points back to
   * the lots it took them from (latest-expiring first; points of lots whose
   * date has passed are given back and expired at once). A credit's reversal
   * removes up to the current balance, from the credit's own lot first; the
   * part already spent is recorded as `shortfall` in the entry's metadata.
   */
  @InjectTransactionManager()
  async reverse(
    input: ReverseInput,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<EntryRow> {
    assertText(input.entry_id, "entry_id")
    assertText(input.idempotency_key, "idempotency_key")
    assertText(input.actor_type, "actor_type")
    if (input.points !== undefined) assertPoints(input.points)
    const m = sharedContext.transactionManager as Manager
    const [first] = await m.execute(`select customer_id from points_entry where id = ?`, [
      input.entry_id,
    ])
    if (!first) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Points entry ${input.entry_id} not found`)
    }
    const account = await this.lockAccount(m, first.customer_id)
    const existing = await this.findByKey(m, input.idempotency_key, first.customer_id)
    if (existing) return existing
    const [orig] = (await m.execute(
      `select ${ENTRY_COLUMNS} from points_entry where id = ?`,
      [input.entry_id]
    )) as EntryRow[]
    if (orig.kind === "expire" || orig.kind === "reversal") {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `A ${orig.kind} entry cannot be reversed`
      )
    }
    const left = Math.abs(orig.points) - orig.reversed
    const points = input.points ?? left
    if (points <= 0 || points > left) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        left <= 0
          ? `Points entry ${orig.id} is already fully reversed`
          : `Only ${left} points of entry ${orig.id} can still be reversed`
      )
    }
    const now = new Date()
    const entryId = generateEntityId(undefined, "ptsent")
    const base = {
      id: entryId,
      account_id: account.id,
      customer_id: orig.customer_id,
      kind: "reversal" as const,
      reason: input.reason ?? null,
      actor_type: input.actor_type,
      actor_id: input.actor_id ?? null,
      source_type: orig.source_type,
      source_id: orig.source_id,
      idempotency_key: input.idempotency_key,
      lot_id: null,
      reverses_entry_id: orig.id,
    }
    let entry: EntryRow
    if (orig.points < 0) {
      entry = await this.reverseDebit(m, account, orig, points, now, base, input.metadata ?? null)
    } else {
      await this.expireAccountDue(m, account, now)
      const taken = Math.min(points, account.balance)
      await this.takeFromLots(m, account.id, entryId, taken, orig.lot_id)
      entry = await this.insertEntry(m, {
        ...base,
        points: -taken,
        balance_after: account.balance - taken,
        metadata: {
          ...(input.metadata ?? {}),
          requested: points,
          shortfall: points - taken,
        },
      })
      await this.addToBalance(m, account.id, -taken)
    }
    await m.execute(`update points_entry set reversed = reversed + ? where id = ?`, [
      points,
      orig.id,
    ])
    return entry
  }

  private async reverseDebit(
    m: Manager,
    account: AccountRow,
    orig: EntryRow,
    points: number,
    now: Date,
    base: Omit<EntryRow, "points" | "balance_after" | "metadata" | "created_at" | "reversed">,
    metadata: Record<string, unknown> | null
  ): Promise<EntryRow> {
    const allocs: { id: string; lot_id: string; left: number; expires_at: Date }[] =
      await m.execute(
        `select a.id, a.lot_id, a.points - a.reversed as left, l.expires_at
           from points_allocation a join points_lot l on l.id = a.lot_id
          where a.entry_id = ? and a.points > a.reversed`,
        [orig.id]
      )
    // Lock the lots in the fixed order before writing to them.
    await m.execute(
      `select id from points_lot where id in (select jsonb_array_elements_text(?::jsonb))
        order by expires_at, id for update`,
      [JSON.stringify(allocs.map((a) => a.lot_id))]
    )
    // Give back to the latest-expiring lots first.
    allocs.sort((a, b) => +new Date(b.expires_at) - +new Date(a.expires_at) || (a.id < b.id ? 1 : -1))
    let need = points
    let expiredBack = 0
    const backs: { id: string; lot_id: string; back: number; live: boolean }[] = []
    for (const a of allocs) {
      if (need <= 0) break
      const back = Math.min(a.left, need)
      const live = new Date(a.expires_at) > now
      backs.push({ id: a.id, lot_id: a.lot_id, back, live })
      if (!live) expiredBack += back
      need -= back
    }
    if (need > 0) {
      throw new MedusaError(
        MedusaError.Types.UNEXPECTED_STATE,
        "Allocations do not cover the reversal"
      )
    }
    await m.execute(
      `with t as (select * from json_to_recordset(?::json) as x(id text, lot_id text, back int, live boolean)),
       lots as (
         update points_lot l set remaining = l.remaining + t.back, updated_at = now()
           from t where l.id = t.lot_id and t.live returning l.id
       )
       update points_allocation a set reversed = a.reversed + t.back, updated_at = now()
         from t where a.id = t.id`,
      [JSON.stringify(backs)]
    )
    const entry = await this.insertEntry(m, {
      ...base,
      points,
      balance_after: account.balance + points,
      metadata: expiredBack ? { ...(metadata ?? {}), expired_on_return: expiredBack } : metadata,
    })
    if (expiredBack > 0) {
      // The lots' date has passed: the returned points expire at once.
      await this.insertEntry(m, {
        account_id: account.id,
        customer_id: orig.customer_id,
        kind: "expire",
        points: -expiredBack,
        balance_after: account.balance + points - expiredBack,
        reason: "Points expired (returned after their expiry date)",
        actor_type: "system",
        actor_id: null,
        source_type: "reversal",
        source_id: entry.id,
        idempotency_key: `expire:reversal:${entry.id}`,
        lot_id: null,
        reverses_entry_id: null,
        metadata: null,
      })
    }
    await this.addToBalance(m, account.id, points - expiredBack)
    return entry
  }

  // ----------------------------------------------------------------- expiry

  /**
   * Expires up to `limit` lots past their date (soonest first) in one
   * transaction: locks their accounts (id order) then the lots (expires_at,
   * id order), then writes the entries set-based. Returns what it expired
   * per customer; 0 lots means nothing is due. Safe to re-run.
   */
  @InjectTransactionManager()
  async expireDue(
    now: Date = new Date(),
    opts: { limit?: number; source_id?: string | null } = {},
    @MedusaContext() sharedContext: Context = {}
  ): Promise<ExpireResult> {
    const m = sharedContext.transactionManager as Manager
    const limit = Math.max(1, Math.min(opts.limit ?? 5_000, 50_000))
    const candidates = await m.execute(
      `select id, account_id from points_lot
        where remaining > 0 and deleted_at is null and expires_at <= ?
        order by expires_at, id limit ?`,
      [now, limit]
    )
    if (!candidates.length) return { lots: 0, points: 0, customers: [] }
    const accountIds = [...new Set(candidates.map((c) => c.account_id as string))]
    await m.execute(
      `select id from points_account where id in (select jsonb_array_elements_text(?::jsonb))
        order by id for update`,
      [JSON.stringify(accountIds)]
    )
    const locked = await m.execute(
      `select id from points_lot where id in (select jsonb_array_elements_text(?::jsonb))
         and remaining > 0 and expires_at <= ?
        order by expires_at, id for update`,
      [JSON.stringify(candidates.map((c) => c.id)), now]
    )
    if (!locked.length) {
      // Taken by a concurrent debit or run meanwhile: look again.
      return { lots: 0, points: 0, customers: [], retry: true }
    }
    return await this.expireLockedLots(m, locked.map((l) => l.id), now, opts.source_id ?? null)
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
