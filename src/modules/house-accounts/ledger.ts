import { MedusaError, generateEntityId } from "@medusajs/framework/utils"
import { MAX_AMOUNT, type PostEntryInput } from "../../types/house-accounts"
import { lockAccount, readAccount } from "./account-lock"
import { formatMinor } from "./money"
import { toEntry } from "./rows"
import { LimitError, validateEntry } from "./rules"
import type { Manager, PostEntryResult } from "./types"

/**
 * Writes one ledger entry inside the caller's transaction: account row FOR
 * UPDATE, then the idempotency key (a replay returns the first entry, writes
 * nothing), the status, the limits (charges only), the entry and the new
 * balance.
 */
export async function writeEntry(m: Manager, input: PostEntryInput): Promise<PostEntryResult> {
  validateEntry(input)
  const account = await lockAccount(m, input.account_id)

  const [existing] = await m.execute(`select * from house_account_entry where idempotency_key = ?`, [
    input.idempotency_key,
  ])
  if (existing) {
    const entry = toEntry(existing)
    if (entry.account_id !== input.account_id || entry.kind !== input.kind || entry.amount !== input.amount) {
      throw new MedusaError(
        MedusaError.Types.CONFLICT,
        `idempotency_key: already used for another entry (${entry.kind} of ${entry.amount} on ${entry.account_id})`
      )
    }
    return { entry, account, replayed: true }
  }

  if (input.kind === "charge") {
    if (account.status !== "active") {
      throw new MedusaError(
        MedusaError.Types.CONFLICT,
        `The house account ${account.account_number} is ${account.status === "on_hold" ? "on hold" : "closed"}: it cannot be charged`
      )
    }
    if (input.customer_id && !account.customer_ids.includes(input.customer_id)) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `customer_id: customer ${input.customer_id} may not charge the house account ${account.account_number}`
      )
    }
    if (account.order_limit !== null && input.amount > account.order_limit) {
      throw new LimitError(
        `amount: ${formatMinor(input.amount, account.currency_code)} is above the per-order maximum of ` +
          `${formatMinor(account.order_limit, account.currency_code)}`,
        account
      )
    }
    if (account.balance + input.amount > account.credit_limit) {
      throw new LimitError(
        `amount: the charge of ${formatMinor(input.amount, account.currency_code)} would cross the credit limit; ` +
          `available credit is ${formatMinor(account.available_credit, account.currency_code)}`,
        account
      )
    }
  }
  // Payments, refunds and adjustments are accepted on an account on hold or
  // closed: they settle what it owes.

  const balanceAfter = account.balance + input.amount
  if (Math.abs(balanceAfter) > MAX_AMOUNT) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "amount: the balance would be out of range")
  }
  const id = generateEntityId(undefined, "haent")
  const [row] = await m.execute(
    `insert into house_account_entry (id, account_id, kind, amount, currency_code, balance_after, method,
       reference, reason, customer_id, actor_type, actor_id, source_type, source_id, idempotency_key, metadata)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning *`,
    [
      id,
      account.id,
      input.kind,
      input.amount,
      account.currency_code,
      balanceAfter,
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
    ]
  )
  await m.execute(
    `update house_account set balance = ?,
            last_payment_at = case when ? then now() else last_payment_at end,
            updated_at = now()
      where id = ?`,
    [balanceAfter, input.kind === "payment", account.id]
  )
  return { entry: toEntry(row), account: (await readAccount(m, account.id, false))!, replayed: false }
}
