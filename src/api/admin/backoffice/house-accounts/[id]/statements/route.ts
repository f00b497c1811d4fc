import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { generateHouseStatementWorkflow } from "../../../../../../workflows/house-accounts/statements"
import { actorId, body } from "../../../../../utils/engagement"
import { houseAccounts } from "../../helpers"
import { listStatements } from "../../statement-helpers"
import type { GenerateStatementBodyType } from "../../validators"

/** GET /admin/backoffice/house-accounts/:id/statements?limit&offset → { statements, count, limit, offset } (newest period first). */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  await houseAccounts(req).getAccount(req.params.id)
  res.json(await listStatements(req, req.params.id))
}

/**
 * POST /admin/backoffice/house-accounts/:id/statements { from, to, email? }
 * → 201 { statement }: PDF and CSV stored privately; with email: true sent
 * to the account's customers through the Notification module.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  await houseAccounts(req).getAccount(req.params.id)
  const input = body<GenerateStatementBodyType>(req)
  const { result } = await generateHouseStatementWorkflow(req.scope).run({
    input: {
      account_id: req.params.id,
      from: input.from.toISOString(),
      to: input.to.toISOString(),
      email: input.email ?? false,
      actor_type: "user",
      actor_id: actorId(req),
    },
  })
  res.status(201).json({ statement: result })
}
