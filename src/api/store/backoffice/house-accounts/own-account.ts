import type { MedusaRequest } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { sessionCustomer } from "../helpers"
import { houseAccounts } from "../../../admin/backoffice/house-accounts/helpers"
import type { HouseAccountJSON } from "../../../../types/house-accounts"

/**
 * The account `:id` if the logged-in customer is assigned to it; 404
 * otherwise (another customer's account looks like no account at all).
 */
export async function ownAccount(req: MedusaRequest): Promise<HouseAccountJSON> {
  const customer = await sessionCustomer(req)
  const { accounts } = await houseAccounts(req).listAccounts(
    { customer_id: customer.id, id: [req.params.id] },
    { limit: 1, offset: 0 }
  )
  if (!accounts.length) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `House account ${req.params.id} was not found`)
  }
  return accounts[0]
}
