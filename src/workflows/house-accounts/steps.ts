import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { HOUSE_ACCOUNTS_MODULE } from "../../modules/house-accounts"
import type HouseAccountsModuleService from "../../modules/house-accounts/service"
import type {
  CreateAccountInput,
  PostEntryInput,
  UpdateAccountInput,
} from "../../modules/house-accounts/service"

const houseAccounts = (container: { resolve: (k: string) => unknown }) =>
  container.resolve(HOUSE_ACCOUNTS_MODULE) as HouseAccountsModuleService

/** Creates the account; compensation deletes it (it has no entries yet). */
export const createHouseAccountStep = createStep(
  "cbo-create-house-account",
  async (input: CreateAccountInput, { container }) => {
    const account = await houseAccounts(container).createAccount(input)
    return new StepResponse(account, account.id)
  },
  async (id, { container }) => {
    if (!id) return
    await houseAccounts(container).deleteEmptyAccount(id)
  }
)

/** Name, limits, status; compensation puts the previous values back. */
export const updateHouseAccountStep = createStep(
  "cbo-update-house-account",
  async (input: UpdateAccountInput & { id: string }, { container }) => {
    const { id, ...data } = input
    const result = await houseAccounts(container).updateAccount(id, data)
    return new StepResponse(result, { id, data: result.before })
  },
  async (prev, { container }) => {
    if (!prev) return
    const { data } = prev
    await houseAccounts(container).updateAccount(prev.id, {
      name: data.name,
      credit_limit: data.credit_limit,
      order_limit: data.order_limit,
      status: data.status,
      metadata: data.metadata,
    })
  }
)

/** Adds/removes the customers who may charge the account; compensation does the opposite. */
export const setHouseAccountCustomersStep = createStep(
  "cbo-set-house-account-customers",
  async (input: { id: string; add?: string[]; remove?: string[] }, { container }) => {
    const result = await houseAccounts(container).setCustomers(input.id, input)
    return new StepResponse(result, { id: input.id, added: result.added, removed: result.removed })
  },
  async (prev, { container }) => {
    if (!prev) return
    await houseAccounts(container).setCustomers(prev.id, { add: prev.removed, remove: prev.added })
  }
)

/**
 * Writes one ledger entry. The ledger is append-only: compensation writes an
 * adjustment that cancels the entry (not for a replay, which wrote nothing).
 */
export const postHouseAccountEntryStep = createStep(
  "cbo-post-house-account-entry",
  async (input: PostEntryInput, { container }) => {
    const result = await houseAccounts(container).postEntry(input)
    return new StepResponse(
      result,
      result.replayed
        ? null
        : { entry_id: result.entry.id, account_id: input.account_id, amount: result.entry.amount, key: input.idempotency_key, actor_id: input.actor_id ?? null }
    )
  },
  async (undo, { container }) => {
    if (!undo) return
    await houseAccounts(container).postEntry({
      account_id: undo.account_id,
      kind: "adjustment",
      amount: -undo.amount,
      reason: `Rolled back entry ${undo.entry_id}`,
      actor_type: "system",
      actor_id: undo.actor_id,
      source_type: "rollback",
      source_id: undo.entry_id,
      idempotency_key: `${undo.key}:rollback`,
    })
  }
)
