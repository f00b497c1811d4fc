import type {
  MedusaNextFunction,
  MedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { TRADE_ACCOUNTS_MODULE } from "../../modules/trade-accounts"
import type TradeAccountsModuleService from "../../modules/trade-accounts/service"

type AuthContext = { actor_id?: string; actor_type?: string }

/** Storefront routes that act on the logged-in customer's account, carts and orders. */
const CUSTOMER_ROUTES = [
  "/store/customers",
  "/store/carts",
  "/store/orders",
  "/store/payment-collections",
  "/store/returns",
  "/store/backoffice",
]
/** An applicant may always see and submit its own trade application. */
const ALWAYS_ALLOWED = ["/store/backoffice/trade-applications"]

function refusalBody(r: { reason: string; message: string }) {
  return { type: "not_allowed", code: `account_${r.reason}`, message: r.message }
}

function actorIdFromToken(token: unknown): string | null {
  if (typeof token !== "string") return null
  const part = token.split(".")[1]
  if (!part) return null
  try {
    const payload = JSON.parse(Buffer.from(part, "base64url").toString("utf8"))
    return payload?.actor_type === "customer" && typeof payload.actor_id === "string" && payload.actor_id
      ? payload.actor_id
      : null
  } catch {
    return null
  }
}

/**
 * POST /auth/customer/emailpass: Medusa checks the password and signs a
 * token; this middleware sees the answer before it is sent and, for a
 * customer whose account is inactive or awaiting trade approval, answers 403
 * with the reason instead of the token. A wrong password is answered by
 * Medusa as before (401), so the account's state is only told to its owner.
 */
export function refuseInactiveLogin(
  req: MedusaRequest,
  res: MedusaResponse,
  next: MedusaNextFunction
) {
  const json = res.json.bind(res)
  ;(res as { json: (body: unknown) => unknown }).json = (body: unknown) => {
    const customerId =
      res.statusCode === 200 ? actorIdFromToken((body as { token?: unknown })?.token) : null
    if (!customerId) return json(body)
    const svc = req.scope.resolve(TRADE_ACCOUNTS_MODULE) as TradeAccountsModuleService
    svc
      .accessRefusal(customerId)
      .then((refusal) => (refusal ? res.status(403) && json(refusalBody(refusal)) : json(body)))
      .catch((e) => next(e))
    return res
  }
  next()
}

/**
 * Every /store request with a customer token: the customer's own routes
 * (account, carts, orders, the back office's storefront routes) answer 403
 * while the account is inactive or awaiting trade approval — an existing
 * token stops working at once, not when it expires.
 */
export async function refuseInactiveCustomer(
  req: MedusaRequest,
  res: MedusaResponse,
  next: MedusaNextFunction
) {
  const auth = (req as MedusaRequest & { auth_context?: AuthContext }).auth_context
  const path = (req.originalUrl ?? req.url ?? "").split("?")[0]
  if (
    !auth?.actor_id ||
    auth.actor_type !== "customer" ||
    !CUSTOMER_ROUTES.some((p) => path === p || path.startsWith(`${p}/`)) ||
    ALWAYS_ALLOWED.some((p) => path === p || path.startsWith(`${p}/`))
  ) {
    return next()
  }
  try {
    const svc = req.scope.resolve(TRADE_ACCOUNTS_MODULE) as TradeAccountsModuleService
    const refusal = await svc.accessRefusal(auth.actor_id)
    if (refusal) {
      res.status(403).json(refusalBody(refusal))
      return
    }
    next()
  } catch (e) {
    next(e)
  }
}
