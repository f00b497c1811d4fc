import { Modules } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { ProviderDeletion } from "../../types/gdpr"

type Resolver = { resolve: (key: string) => any }

/** A payment provider refused (or could not be reached) to delete its copy of the customer. */
export class ProviderDeletionError extends Error {
  constructor(
    readonly providerId: string,
    readonly accountHolderId: string,
    cause: unknown
  ) {
    super(
      `Payment provider ${providerId} could not delete account holder ${accountHolderId}: ` +
        `${(cause as Error)?.message ?? String(cause)}. Nothing of the customer was erased; retry the job once the provider answers.`
    )
    this.name = "ProviderDeletionError"
  }
}

/** The live account holders of a customer: linked through customer_account_holder, or holding the customer id as external id. */
async function customerAccountHolders(knex: Knex, customerId: string) {
  const { rows } = await knex.raw(
    `SELECT ah.* FROM account_holder ah
      WHERE ah.deleted_at IS NULL
        AND (ah.id IN (SELECT l.account_holder_id FROM customer_account_holder l WHERE l.customer_id = ? AND l.deleted_at IS NULL)
             OR ah.external_id = ?)
      ORDER BY ah.id`,
    [customerId, customerId]
  )
  return rows as Record<string, unknown>[]
}

/** Puts back an account-holder row the payment module removed before its provider failed. */
async function restoreAccountHolder(knex: Knex, row: Record<string, unknown>) {
  await knex.raw(
    `INSERT INTO account_holder SELECT * FROM json_populate_record(NULL::account_holder, ?::json)
     ON CONFLICT (id) DO UPDATE SET deleted_at = NULL`,
    [JSON.stringify(row)]
  )
}

/**
 * Asks the payment module to delete each of the customer's account holders,
 * which removes the row and calls the provider's `deleteAccountHolder` (the
 * provider deletes its own copy of the customer). Runs before anything is
 * erased. The payment module removes the row before it calls the provider:
 * when the provider fails, the row is put back as it was (external id and
 * data intact), so a retry can ask the provider again, and the job fails
 * with a ProviderDeletionError naming the provider. Holders deleted before
 * the failure stay deleted (the provider confirmed); a retry skips them.
 */
export async function deleteAccountHolders(
  container: Resolver,
  knex: Knex,
  customerId: string
): Promise<ProviderDeletion[]> {
  const payment = container.resolve(Modules.PAYMENT) as { deleteAccountHolder(id: string): Promise<void> }
  const done = new Map<string, number>()
  for (const row of await customerAccountHolders(knex, customerId)) {
    const id = row.id as string
    const providerId = row.provider_id as string
    try {
      await payment.deleteAccountHolder(id)
    } catch (e) {
      await restoreAccountHolder(knex, row)
      throw new ProviderDeletionError(providerId, id, e)
    }
    done.set(providerId, (done.get(providerId) ?? 0) + 1)
  }
  return [...done.entries()].map(([provider_id, account_holders]) => ({ provider_id, account_holders }))
}
