import type { MedusaRequest } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { requireCustomer } from "../../utils/engagement"

/** The logged-in customer (never an id from the request). */
export async function sessionCustomer(req: MedusaRequest) {
  const id = (req as MedusaRequest & { auth_context?: { actor_id?: string } })
    .auth_context?.actor_id
  if (!id) {
    throw new MedusaError(MedusaError.Types.UNAUTHORIZED, "Log in to manage your preferences")
  }
  return await requireCustomer(req, id)
}
