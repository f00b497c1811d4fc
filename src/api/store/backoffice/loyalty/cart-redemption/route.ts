import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MathBN, MedusaError } from "@medusajs/framework/utils"
import {
  applyCartPointsWorkflow,
  removeCartPointsWorkflow,
} from "../../../../../workflows/points-checkout/workflows"
import { describeRedemption, loadCustomerCart } from "../../../../../workflows/points-checkout/steps/cart-points"
import { checkoutOptions, pointsLedger } from "../../../../../workflows/points-checkout/steps/common"
import { sendInvalid } from "../../../../utils/validation"
import type { ApplyCartPointsBodyType, CartRedemptionQueryType } from "./validators"

type Req = MedusaRequest & {
  auth_context?: { actor_id?: string }
  validatedBody?: unknown
  validatedQuery?: unknown
}

function customerId(req: Req) {
  const id = req.auth_context?.actor_id
  if (!id) throw new MedusaError(MedusaError.Types.UNAUTHORIZED, "Log in to use your points")
  return id
}

/** Workflow field errors ("points: …") become a 400 with `errors`; anything else is rethrown. */
async function withFieldErrors(res: MedusaResponse, run: () => Promise<void>) {
  try {
    await run()
  } catch (e) {
    const err = e as MedusaError
    const m = /^(points|cart_id): (.*)$/s.exec(err?.message ?? "")
    if (err?.type === MedusaError.Types.INVALID_DATA && m) {
      return sendInvalid(res, [{ field: m[1], message: m[2] }])
    }
    throw e
  }
}

async function redemption(req: Req, cartId: string, customer: string) {
  const cart = await loadCustomerCart(req.scope, cartId, customer)
  const balance = await pointsLedger(req.scope).balance(customer)
  const { credit_line_ids: _ids, ...view } = describeRedemption(
    cart,
    balance,
    checkoutOptions(req.scope).pointValue
  )
  return { ...view, cart_total: MathBN.convert((cart.total as any) ?? 0).toFixed() }
}

/** GET /store/backoffice/loyalty/cart-redemption?cart_id= — points applied, balance, most points applicable. */
export async function GET(req: Req, res: MedusaResponse) {
  const customer = customerId(req)
  const { cart_id } = req.validatedQuery as CartRedemptionQueryType
  await withFieldErrors(res, async () => {
    res.json({ redemption: await redemption(req, cart_id, customer) })
  })
}

/** POST /store/backoffice/loyalty/cart-redemption {cart_id, points} — applies (or replaces) points on the cart. */
export async function POST(req: Req, res: MedusaResponse) {
  const customer = customerId(req)
  const { cart_id, points } = req.validatedBody as ApplyCartPointsBodyType
  await withFieldErrors(res, async () => {
    await applyCartPointsWorkflow(req.scope).run({
      input: { cart_id, customer_id: customer, points },
    })
    res.json({ redemption: await redemption(req, cart_id, customer) })
  })
}

/** DELETE /store/backoffice/loyalty/cart-redemption?cart_id= — removes the points from the cart. */
export async function DELETE(req: Req, res: MedusaResponse) {
  const customer = customerId(req)
  const { cart_id } = req.validatedQuery as CartRedemptionQueryType
  await withFieldErrors(res, async () => {
    await removeCartPointsWorkflow(req.scope).run({ input: { cart_id, customer_id: customer } })
    res.json({ redemption: await redemption(req, cart_id, customer) })
  })
}
