import { MedusaError } from "@medusajs/framework/utils"
import type { HouseAccountJSON } from "../../types/house-accounts"
import { ACCOUNT_SELECT, toAccount } from "./rows"
import type { Manager } from "./types"

/**
 * Reads one account with its customers. With `lock`, first `FOR UPDATE` on
 * the row, then a second statement (a fresh snapshot after the lock) reads it.
 */
export async function readAccount(m: Manager, id: string, lock: boolean): Promise<HouseAccountJSON | null> {
  if (lock) {
    const [locked] = await m.execute(
      `select id from house_account where id = ? and deleted_at is null for update`,
      [id]
    )
    if (!locked) return null
  }
  const [row] = await m.execute(
    `select ${ACCOUNT_SELECT} from house_account a where a.id = ? and a.deleted_at is null`,
    [id]
  )
  return row ? toAccount(row) : null
}

/** Locks the account row for the rest of the transaction; 404 when there is none. */
export async function lockAccount(m: Manager, id: string): Promise<HouseAccountJSON> {
  const account = await readAccount(m, id, true)
  if (!account) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `House account ${id} was not found`)
  }
  return account
}
