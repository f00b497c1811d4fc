import { MedusaError, generateEntityId } from "@medusajs/framework/utils"
import type { HouseAccountJSON, HouseEntryJSON, PostEntryInput } from "../../types/house-accounts"
import { toAccount, toEntry } from "./rows"
import { LimitError, validateEntry } from "./rules"
import { formatMinor } from "./money"

/**
 * The TypeScript side of the house account ledger: checks the input, then
 * calls `cbo_house_post_entry` (migration 20261207190000) — one statement, so
 * one transaction of its own or a part of the caller's. See docs/ledger.md
 * for the pattern it follows.
 */

/** Runs one statement (the caller's transaction, the pool, or a manager). */
export type Run = (sql: string, bindings: unknown[]) => Promise<any[]>

const ACCOUNT_COLUMNS = [
  "id",
  "account_number",
  "name",
  "currency_code",
  "credit_limit",
  "order_limit",
  "balance",
  "status",
  "last_payment_at",
  "metadata",
  "created_at",
  "updated_at",
]

const POST_SQL = `select (f.o_entry).*, f.o_replayed as "replayed",
  ${ACCOUNT_COLUMNS.map((c) => `(f.o_account).${c} as "a.${c}"`).join(", ")},
  coalesce((select json_agg(c.customer_id order by c.created_at, c.customer_id)
              from house_account_customer c
             where c.account_id = (f.o_account).id and c.deleted_at is null), '[]'::json) as "a.customer_ids"
  from cbo_house_post_entry(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?) f`

type Refusal = {
  code: "not_found" | "key" | "status" | "customer" | "order_limit" | "credit_limit" | "range"
  account_id: string
  account_number: string
  status: string
  currency_code: string
  balance: number
  credit_limit: number
  order_limit: number | null
  amount: number
  kind: string
  entry_account_id: string
}

/** The function's refusal, worded and typed as the service always has. */
function refusalError(r: Refusal, input: PostEntryInput): Error {
  switch (r.code) {
    case "not_found":
      return new MedusaError(MedusaError.Types.NOT_FOUND, `House account ${r.account_id} was not found`)
    case "key":
      return new MedusaError(
        MedusaError.Types.CONFLICT,
        `idempotency_key: already used for another entry (${r.kind} of ${r.amount} on ${r.entry_account_id})`
      )
    case "status":
      return new MedusaError(
        MedusaError.Types.CONFLICT,
        `The house account ${r.account_number} is ${r.status === "on_hold" ? "on hold" : "closed"}: it cannot be charged`
      )
    case "customer":
      return new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `customer_id: customer ${input.customer_id} may not charge the house account ${r.account_number}`
      )
    case "range":
      return new MedusaError(MedusaError.Types.INVALID_DATA, "amount: the balance would be out of range")
  }
  const account = { id: r.account_id, available_credit: Math.max(0, r.credit_limit - r.balance) }
  if (r.code === "order_limit") {
    return new LimitError(
      `amount: ${formatMinor(input.amount, r.currency_code)} is above the per-order maximum of ` +
        `${formatMinor(r.order_limit!, r.currency_code)}`,
      account
    )
  }
  return new LimitError(
    `amount: the charge of ${formatMinor(input.amount, r.currency_code)} would cross the credit limit; ` +
      `available credit is ${formatMinor(account.available_credit, r.currency_code)}`,
    account
  )
}

const REFUSAL = /cbo_house_refusal<(\{.*?\})>/

/**
 * Writes one ledger entry (charge, payment, refund, adjustment) in one
 * statement. A replayed idempotency key returns the first entry
 * (`replayed: true`) and writes nothing.
 */
export async function postEntry(
  run: Run,
  input: PostEntryInput
): Promise<{ entry: HouseEntryJSON; account: HouseAccountJSON; replayed: boolean }> {
  validateEntry(input)
  let row: Record<string, any>
  try {
    ;[row] = await run(POST_SQL, [
      input.account_id,
      input.kind,
      input.amount,
      input.method ?? null,
      input.reference ?? null,
      input.reason ?? null,
      input.customer_id ?? null,
      input.actor_type,
      input.actor_id ?? null,
      input.source_type ?? null,
      input.source_id ?? null,
      input.idempotency_key,
      input.metadata ? JSON.stringify(input.metadata) : null,
      generateEntityId(undefined, "haent"),
    ])
  } catch (e) {
    const hit = REFUSAL.exec(String((e as Error)?.message ?? ""))
    if (hit) throw refusalError(JSON.parse(hit[1]) as Refusal, input)
    throw e
  }
  const accountRow: Record<string, any> = {}
  for (const key of Object.keys(row)) {
    if (key.startsWith("a.")) accountRow[key.slice(2)] = row[key]
  }
  return { entry: toEntry(row), account: toAccount(accountRow), replayed: row.replayed === true }
}
