import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { setHouseAccountCustomersWorkflow } from "../../../../../../workflows/house-accounts"
import { actorId, body } from "../../../../../utils/engagement"
import { houseAccounts, requireCustomers } from "../../helpers"
import type { HouseAccountCustomersBodyType } from "../../validators"

/**
 * POST /admin/backoffice/house-accounts/:id/customers { add?: [ids], remove?: [ids] }
 * → { house_account }. Unknown customers → 400, nothing changed.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  await houseAccounts(req).getAccount(req.params.id)
  const input = body<HouseAccountCustomersBodyType>(req)
  await requireCustomers(req, input.add, "add")
  const { result } = await setHouseAccountCustomersWorkflow(req.scope).run({
    input: { id: req.params.id, add: input.add, remove: input.remove, actor_id: actorId(req) },
  })
  res.json({ house_account: result })
}
