import {
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaError,
  MedusaService,
  generateEntityId,
} from "@medusajs/framework/utils"
import type { Context } from "@medusajs/framework/types"
import HouseAccount from "./models/house-account"
import HouseAccountEntry from "./models/house-account-entry"
import HouseAccountCustomer from "./models/house-account-customer"
import HouseAccountStatement from "./models/house-account-statement"
import type { HouseAccountJSON, HouseEntryJSON } from "../../types/house-accounts"
import {
  ACCOUNT_NUMBER_PATTERN,
  LimitError,
  assertAmount,
  generateAccountNumber,
  isUniqueViolation,
  normalizeAccountNumber,
  refuse,
} from "./rules"
import { formatMinor } from "./money"
import { lockAccount, readAccount } from "./account-lock"
import * as ledger from "./ledger"
import { auditBalances, queryAccounts, queryEntries } from "./queries"
import type {
  AccountFilters,
  CreateAccountInput,
  EntryFilters,
  Manager,
  PostEntryInput,
  PostEntryResult,
  UpdateAccountInput,
} from "./types"

export type {
  AccountFilters,
  CreateAccountInput,
  EntryFilters,
  PostEntryInput,
  PostEntryResult,
  UpdateAccountInput,
} from "./types"

/**
 * House accounts: accounts, the customers who may charge them, and an
 * append-only ledger of charges, refunds, payments and adjustments.
 *
 * A ledger write is one statement, `cbo_house_post_entry` (./ledger.ts):
 * a replayed idempotency key answers without locking; otherwise the UPDATE
 * that moves the balance takes the account row lock with the rules (status,
 * per-order maximum, credit limit) in its WHERE, and the entry is inserted in
 * the same statement. Account changes (limits, status, customers) lock the
 * row (`FOR UPDATE`) — one account per write, so there is no lock-order
 * question. balance = Σ entries at all times; the database refuses what the
 * checks missed (CHECK constraints, unique key).
 */
class HouseAccountsModuleService extends MedusaService({
  HouseAccount,
  HouseAccountEntry,
  HouseAccountCustomer,
  HouseAccountStatement,
}) {
  /** The shared knex pool: a ledger write outside a caller's transaction is one plain statement on it. */
  private readonly pg: { raw(sql: string, bindings: unknown[]): Promise<{ rows: any[] }> } | null

  constructor(deps: Record<string, unknown>) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    let pg: unknown = null
    try {
      pg = deps.__pg_connection__ ?? null
    } catch {
      pg = null
    }
    this.pg = pg as typeof this.pg
  }

  // The ledger is written only through postEntry.
  createHouseAccountEntries = refuse("Use postEntry to write house account entries")
  updateHouseAccountEntries = refuse("House account entries are append-only")
  deleteHouseAccountEntries = refuse("House account entries are append-only")
  softDeleteHouseAccountEntries = refuse("House account entries are append-only")

  // ---------------------------------------------------------------- accounts

  async createAccount(input: CreateAccountInput, sharedContext: Context = {}): Promise<HouseAccountJSON> {
    const typed = input.account_number ? normalizeAccountNumber(input.account_number) : null
    if (typed !== null && !ACCOUNT_NUMBER_PATTERN.test(typed)) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        "account_number: 3 to 32 letters, digits or dashes"
      )
    }
    assertAmount(input.credit_limit, "credit_limit", { min: 0 })
    if (input.order_limit != null) assertAmount(input.order_limit, "order_limit", { min: 1 })
    for (let attempt = 0; attempt < 5; attempt++) {
      const number = typed ?? generateAccountNumber()
      try {
        return await this.insertAccount_({ ...input, account_number: number }, sharedContext)
      } catch (e) {
        if (!isUniqueViolation(e)) throw e
        if (typed !== null) {
          throw new MedusaError(
            MedusaError.Types.CONFLICT,
            `account_number: ${typed} is already used by another house account`
          )
        }
      }
    }
    throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, "Could not generate an account number")
  }

  @InjectTransactionManager()
  protected async insertAccount_(
    input: CreateAccountInput & { account_number: string },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<HouseAccountJSON> {
    const m = sharedContext.transactionManager as Manager
    const [taken] = await m.execute(`select 1 from house_account where account_number = ? and deleted_at is null`, [
      input.account_number,
    ])
    if (taken) {
      // The caller turns this into a conflict for a typed number, or tries another generated one.
      throw Object.assign(new Error("duplicate key value: account_number"), { code: "23505" })
    }
    const id = generateEntityId(undefined, "hacc")
    await m.execute(
      `insert into house_account (id, account_number, name, currency_code, credit_limit, order_limit, balance, status, metadata)
       values (?, ?, ?, ?, ?, ?, 0, ?, ?)`,
      [
        id,
        input.account_number,
        input.name.trim(),
        input.currency_code.toLowerCase(),
        input.credit_limit,
        input.order_limit ?? null,
        input.status ?? "active",
        input.metadata ? JSON.stringify(input.metadata) : null,
      ]
    )
    return (await readAccount(m, id, false))!
  }

  /**
   * Changes name, limits, status or metadata under the account lock. A credit
   * limit below what the account owes is refused (409), nothing written.
   */
  @InjectTransactionManager()
  async updateAccount(
    id: string,
    input: UpdateAccountInput,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ before: HouseAccountJSON; account: HouseAccountJSON }> {
    const m = sharedContext.transactionManager as Manager
    const before = await lockAccount(m, id)
    if (input.credit_limit !== undefined) {
      assertAmount(input.credit_limit, "credit_limit", { min: 0 })
      if (input.credit_limit < before.balance) {
        throw new MedusaError(
          MedusaError.Types.CONFLICT,
          `credit_limit: the account owes ${formatMinor(before.balance, before.currency_code)}; ` +
            `the limit cannot be set below it (record a payment first)`
        )
      }
    }
    if (input.order_limit != null) assertAmount(input.order_limit, "order_limit", { min: 1 })
    const sets: string[] = []
    const values: unknown[] = []
    const set = (col: string, v: unknown) => {
      sets.push(`${col} = ?`)
      values.push(v)
    }
    if (input.name !== undefined) set("name", input.name.trim())
    if (input.credit_limit !== undefined) set("credit_limit", input.credit_limit)
    if (input.order_limit !== undefined) set("order_limit", input.order_limit)
    if (input.status !== undefined) set("status", input.status)
    if (input.metadata !== undefined) set("metadata", input.metadata ? JSON.stringify(input.metadata) : null)
    if (sets.length) {
      await m.execute(`update house_account set ${sets.join(", ")}, updated_at = now() where id = ?`, [
        ...values,
        id,
      ])
    }
    return { before, account: (await readAccount(m, id, false))! }
  }

  /**
   * Adds and removes the customers allowed to charge the account, under the
   * account lock. Returns the customer ids actually added and removed.
   */
  @InjectTransactionManager()
  async setCustomers(
    id: string,
    change: { add?: string[]; remove?: string[] },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ account: HouseAccountJSON; added: string[]; removed: string[] }> {
    const m = sharedContext.transactionManager as Manager
    const before = await lockAccount(m, id)
    const add = [...new Set(change.add ?? [])].filter((c) => !before.customer_ids.includes(c))
    const remove = [...new Set(change.remove ?? [])].filter((c) => before.customer_ids.includes(c))
    for (const customerId of add) {
      await m.execute(
        `insert into house_account_customer (id, account_id, customer_id) values (?, ?, ?)`,
        [generateEntityId(undefined, "haccus"), id, customerId]
      )
    }
    if (remove.length) {
      await m.execute(
        `delete from house_account_customer
          where account_id = ? and customer_id in (select jsonb_array_elements_text(?::jsonb))`,
        [id, JSON.stringify(remove)]
      )
    }
    return { account: (await readAccount(m, id, false))!, added: add, removed: remove }
  }

  /** Deletes an account that has no entries (used to undo a creation). */
  @InjectTransactionManager()
  async deleteEmptyAccount(id: string, @MedusaContext() sharedContext: Context = {}): Promise<void> {
    const m = sharedContext.transactionManager as Manager
    await lockAccount(m, id)
    const [has] = await m.execute(`select 1 from house_account_entry where account_id = ? limit 1`, [id])
    if (has) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "A house account with entries cannot be deleted")
    }
    await m.execute(`delete from house_account_customer where account_id = ?`, [id])
    await m.execute(`delete from house_account where id = ?`, [id])
  }

  // ------------------------------------------------------------------ ledger

  /**
   * Writes one ledger entry (charge, payment, refund, adjustment) in ONE
   * statement, `cbo_house_post_entry` (./ledger.ts, migration 20261207190000,
   * docs/ledger.md): on the caller's transaction when there is one, else a
   * transaction of its own. A replayed idempotency key returns the first entry
   * (`replayed: true`) and writes nothing.
   */
  async postEntry(input: PostEntryInput, sharedContext: Context = {}): Promise<PostEntryResult> {
    return await ledger.postEntry(this.runner(sharedContext), input)
  }

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

  // ------------------------------------------------------------------- reads

  @InjectManager()
  async getAccount(id: string, @MedusaContext() sharedContext: Context = {}): Promise<HouseAccountJSON> {
    const account = await readAccount(sharedContext.manager as Manager, id, false)
    if (!account) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `House account ${id} was not found`)
    }
    return account
  }

  @InjectManager()
  async listAccounts(
    filters: AccountFilters,
    page: { limit: number; offset: number },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ accounts: HouseAccountJSON[]; count: number }> {
    return queryAccounts(sharedContext.manager as Manager, filters, page)
  }

  @InjectManager()
  async listEntries(
    account_id: string,
    filters: EntryFilters,
    page: { limit: number; offset: number },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ entries: HouseEntryJSON[]; count: number }> {
    return queryEntries(sharedContext.manager as Manager, account_id, filters, page)
  }

  /** Checks balance = Σ entries for one account (or all); returns the mismatches. */
  @InjectManager()
  async audit(
    account_id?: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ account_id: string; balance: number; entries: number }[]> {
    return auditBalances(sharedContext.manager as Manager, account_id)
  }
}

export { ACCOUNT_NUMBER_PATTERN, LimitError, normalizeAccountNumber }

export default HouseAccountsModuleService
