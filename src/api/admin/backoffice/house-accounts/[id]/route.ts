import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { updateHouseAccountWorkflow } from "../../../../../workflows/house-accounts"
import { actorId, body } from "../../../../utils/engagement"
import { asMedusaError, houseAccounts, sendConflict } from "../helpers"
import type { UpdateHouseAccountBodyType } from "../validators"

/** GET /admin/backoffice/house-accounts/:id → { house_account } */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  res.json({ house_account: await houseAccounts(req).getAccount(req.params.id) })
}

/**
 * POST /admin/backoffice/house-accounts/:id { name?, credit_limit?, order_limit?, status? }
 * → { house_account }. A credit limit below what the account owes → 409.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  await houseAccounts(req).getAccount(req.params.id)
  const input = body<UpdateHouseAccountBodyType>(req)
  try {
    const { result } = await updateHouseAccountWorkflow(req.scope).run({
      input: { ...input, id: req.params.id, actor_id: actorId(req) },
    })
    res.json({ house_account: result })
  } catch (e) {
    if (!sendConflict(res, e)) throw asMedusaError(e)
  }
}
