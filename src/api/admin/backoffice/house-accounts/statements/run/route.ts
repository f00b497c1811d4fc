import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { randomUUID } from "crypto"
import { enqueueBackofficeJobWorkflow } from "../../../../../../workflows/backoffice-jobs/workflows"
import { HOUSE_STATEMENTS_JOB } from "../../../../../../workers/house-accounts"
import { actorId, body } from "../../../../../utils/engagement"
import { isUnavailable, sendUnavailable } from "../../../jobs/helpers"
import type { RunStatementsBodyType } from "../../validators"

/**
 * POST /admin/backoffice/house-accounts/statements/run { period?: "YYYY-MM", email? }
 * → 202 { job }: the monthly statements job now (default: last month).
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const input = body<RunStatementsBodyType>(req)
  try {
    const { result } = await enqueueBackofficeJobWorkflow(req.scope).run({
      input: {
        type: HOUSE_STATEMENTS_JOB,
        key: `${HOUSE_STATEMENTS_JOB}:admin:${randomUUID()}`,
        payload: { trigger: "admin", ...(input.period ? { period: input.period } : {}), ...(input.email === false ? { email: false } : {}) },
        created_by: actorId(req),
      },
    })
    res.status(202).json({ job: result })
  } catch (e) {
    if (isUnavailable(e)) return sendUnavailable(res, (e as Error).message)
    throw e
  }
}
