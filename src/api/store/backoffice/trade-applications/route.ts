import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { applyForTradeAccountWorkflow } from "../../../../workflows/trade-accounts/workflows"
import { body } from "../../../utils/engagement"
import { runOrConflict, storeApplication, storeCustomerId, tradeAccounts } from "../../../admin/backoffice/trade-applications/helpers"
import type { StoreApplyBodyType } from "../../../admin/backoffice/trade-applications/validators"

type Auth = { actor_id?: string; auth_identity_id?: string }
const authOf = (req: MedusaRequest) => ((req as MedusaRequest & { auth_context?: Auth }).auth_context ?? {}) as Auth

/**
 * POST /store/backoffice/trade-applications — a shopper applies for a trade
 * account. With a customer token the logged-in customer applies; with the
 * token of a new emailpass registration (no customer yet) the customer is
 * created from the login email. → 201 { application }. The account is
 * inactive and Pending Approval until staff approve it.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const auth = authOf(req)
  if (!auth.actor_id && !auth.auth_identity_id) {
    throw new MedusaError(MedusaError.Types.UNAUTHORIZED, "Sign in or register before applying")
  }
  let application: unknown
  const done = await runOrConflict(res, async () => {
    const { result } = await applyForTradeAccountWorkflow(req.scope).run({
      input: {
        ...body<StoreApplyBodyType>(req),
        customer_id: auth.actor_id || null,
        auth_identity_id: auth.auth_identity_id ?? null,
      },
    })
    application = result
  })
  if (done) res.status(201).json({ application: storeApplication(application as never) })
}

/**
 * GET /store/backoffice/trade-applications → the customer's own applications,
 * latest first. A pending applicant cannot sign in, so the token of its
 * emailpass registration is accepted too.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const customerId = await storeCustomerId(req)
  const apps = await tradeAccounts(req).listTradeApplications(
    { customer_id: customerId },
    { order: { created_at: "DESC" } }
  )
  res.json({ applications: apps.map((a) => storeApplication(a as never)) })
}
