import { MedusaError, generateEntityId } from "@medusajs/framework/utils"
import { randomInt } from "crypto"
import type {
  AccountRow,
  CreditInput,
  DebitInput,
  ExpireResult,
  LedgerWrite,
  ReverseInput,
} from "./types"

/**
 * The TypeScript side of the points ledger: checks the input, then calls one
 * function of the SQL family (migration 20261207142500) — one statement, so
 * one transaction of its own or a part of the caller's. Every write is in
 * those functions; see docs/ledger.md for the pattern they follow.
 */

/** Runs one statement (the caller's transaction, the pool, or a manager). */
export type Run = (sql: string, bindings: unknown[]) => Promise<any[]>

const DAY_MS = 24 * 60 * 60 * 1000

export const ENTRY_COLUMNS = `id, account_id, customer_id, kind, points, balance_after, reason,
  actor_type, actor_id, source_type, source_id, idempotency_key, lot_id,
  reverses_entry_id, reversed, metadata, created_at`

export function assertPoints(points: unknown, field = "points"): asserts points is number {
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

export function assertText(value: unknown, field: string) {
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

/** What the functions refuse, as the error the API answers with. */
const REFUSALS: [RegExp, string][] = [
  [/Not enough points: balance \d+/, MedusaError.Types.NOT_ALLOWED],
  [/Idempotency key .* was already used for another customer/, MedusaError.Types.INVALID_DATA],
  [/Points entry \S+ not found/, MedusaError.Types.NOT_FOUND],
  [/A \w+ entry cannot be reversed/, MedusaError.Types.NOT_ALLOWED],
  [/Points entry \S+ is already fully reversed/, MedusaError.Types.NOT_ALLOWED],
  [/Only \d+ points of entry \S+ can still be reversed/, MedusaError.Types.NOT_ALLOWED],
  [/Could not create a loyalty account/, MedusaError.Types.UNEXPECTED_STATE],
]

async function call(run: Run, sql: string, bindings: unknown[]): Promise<any[]> {
  try {
    return await run(sql, bindings)
  } catch (e) {
    const message = String((e as Error)?.message ?? "")
    for (const [pattern, type] of REFUSALS) {
      const hit = pattern.exec(message)
      if (hit) {
        throw new MedusaError(type, hit[0])
      }
    }
    throw e
  }
}

/** Locks the customer's account row (creating it if needed); the caller is in a transaction. */
export async function lockAccount(run: Run, customerId: string): Promise<AccountRow> {
  assertText(customerId, "customer_id")
  const [row] = await call(run, `select * from cbo_points_lock_account(?, ?, ?)`, [
    customerId,
    generateEntityId(undefined, "ptsacc"),
    generateAccountCode(),
  ])
  return row as AccountRow
}

function written(row: any, entryId: string): LedgerWrite {
  return { ...row, replayed: row.id !== entryId } as LedgerWrite
}

function actorBindings(input: CreditInput | DebitInput) {
  return [
    input.reason ?? null,
    input.actor_type,
    input.actor_id ?? null,
    input.source_type ?? null,
    input.source_id ?? null,
    input.idempotency_key,
    input.metadata ? JSON.stringify(input.metadata) : null,
  ]
}

/**
 * Adds points: one entry and one lot expiring `expiryDays` after `earned_at`.
 * Replaying the idempotency key returns the first entry (`replayed`).
 */
export async function credit(run: Run, input: CreditInput, expiryDays: number): Promise<LedgerWrite> {
  assertPoints(input.points)
  assertText(input.idempotency_key, "idempotency_key")
  assertText(input.actor_type, "actor_type")
  assertText(input.customer_id, "customer_id")
  if (!["earn", "manual_add", "reversal"].includes(input.kind)) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `kind ${input.kind} is not a credit`)
  }
  const earnedAt = input.earned_at ?? new Date()
  const expiresAt = new Date(earnedAt.getTime() + expiryDays * DAY_MS)
  const entryId = generateEntityId(undefined, "ptsent")
  const [row] = await call(
    run,
    `select ${ENTRY_COLUMNS} from cbo_points_credit(?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?)`,
    [
      input.customer_id,
      input.points,
      input.kind,
      ...actorBindings(input),
      earnedAt,
      expiresAt,
      entryId,
      generateEntityId(undefined, "ptslot"),
      generateEntityId(undefined, "ptsacc"),
      generateAccountCode(),
    ]
  )
  return written(row, entryId)
}

/**
 * Takes points from the soonest-expiring lots first (lots past their date are
 * expired first). Throws NOT_ALLOWED ("Not enough points: balance N") when the
 * balance is too low.
 */
export async function debit(run: Run, input: DebitInput): Promise<LedgerWrite> {
  assertPoints(input.points)
  assertText(input.idempotency_key, "idempotency_key")
  assertText(input.actor_type, "actor_type")
  assertText(input.customer_id, "customer_id")
  if (!["redeem", "manual_remove", "reversal"].includes(input.kind)) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `kind ${input.kind} is not a debit`)
  }
  const entryId = generateEntityId(undefined, "ptsent")
  const [row] = await call(
    run,
    `select ${ENTRY_COLUMNS} from cbo_points_debit(?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)`,
    [
      input.customer_id,
      input.points,
      input.kind,
      ...actorBindings(input),
      new Date(),
      entryId,
      generateEntityId(undefined, "ptsacc"),
      generateAccountCode(),
    ]
  )
  return written(row, entryId)
}

/**
 * Reverses (part of) an entry. A debit's reversal gives the points back to
 * the lots it took them from (latest-expiring first; points of lots whose
 * date has passed are given back and expired at once). A credit's reversal
 * removes up to the current balance, from the credit's own lot first; the
 * part already spent is recorded as `shortfall` in the entry's metadata.
 */
export async function reverse(run: Run, input: ReverseInput): Promise<LedgerWrite> {
  assertText(input.entry_id, "entry_id")
  assertText(input.idempotency_key, "idempotency_key")
  assertText(input.actor_type, "actor_type")
  if (input.points !== undefined) assertPoints(input.points)
  const entryId = generateEntityId(undefined, "ptsent")
  const [row] = await call(
    run,
    `select ${ENTRY_COLUMNS} from cbo_points_reverse(?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)`,
    [
      input.entry_id,
      input.points ?? null,
      input.reason ?? null,
      input.actor_type,
      input.actor_id ?? null,
      input.idempotency_key,
      input.metadata ? JSON.stringify(input.metadata) : null,
      new Date(),
      entryId,
    ]
  )
  return written(row, entryId)
}

/**
 * Expires up to `limit` lots past their date (soonest first) in one
 * transaction; returns what it expired per customer. Safe to re-run.
 */
export async function expireDue(
  run: Run,
  now: Date,
  limit: number,
  sourceId: string | null
): Promise<ExpireResult> {
  const rows = await call(run, `select * from cbo_points_expire_due(?, ?, ?)`, [now, limit, sourceId])
  if (rows.some((r) => r.retry)) {
    // Taken by a concurrent debit or run meanwhile: look again.
    return { lots: 0, points: 0, customers: [], retry: true }
  }
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
