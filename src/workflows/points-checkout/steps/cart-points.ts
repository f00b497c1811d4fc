import { MathBN, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import {
  maxPointsFor,
  pointsStep,
  pointsToAmount,
  POINTS_CREDIT_LINE_REFERENCE,
} from "../../../lib/points-checkout"
import { checkoutOptions, pointsLedger, query, sumAmounts } from "./common"

/** Field errors travel as "<field>: <message>" so the route can answer 400 with `errors`. */
export const fieldError = (field: string, message: string) =>
  new MedusaError(MedusaError.Types.INVALID_DATA, `${field}: ${message}`)

export type CartForPoints = {
  id: string
  customer_id: string | null
  completed_at: Date | null
  currency_code: string
  total: unknown
  credit_lines: { id: string; amount: unknown; raw_amount?: unknown; reference: string | null; metadata: Record<string, unknown> | null }[]
}

export const isPointsLine = (l: { reference?: string | null } | null | undefined) =>
  !!l && l.reference === POINTS_CREDIT_LINE_REFERENCE

export async function loadCustomerCart(container: any, cartId: string, customerId: string) {
  const { data } = await query(container).graph({
    entity: "cart",
    fields: [
      "id",
      "customer_id",
      "completed_at",
      "currency_code",
      "total",
      "credit_lines.id",
      "credit_lines.amount",
      "credit_lines.raw_amount",
      "credit_lines.reference",
      "credit_lines.metadata",
    ],
    filters: { id: cartId },
  })
  const cart = data[0] as CartForPoints | undefined
  // Someone else's cart answers exactly like a missing one.
  if (!cart || !customerId || cart.customer_id !== customerId) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `Cart ${cartId} was not found among your carts`
    )
  }
  if (cart.completed_at) {
    throw fieldError("cart_id", "This cart is already completed")
  }
  return cart
}

/** What a cart's points redemption looks like, for the storefront. */
export function describeRedemption(cart: CartForPoints, balance: number, pointValue: number) {
  const lines = (cart.credit_lines ?? []).filter(isPointsLine)
  const applied = lines.reduce((n, l) => n + Number(l.metadata?.points ?? 0), 0)
  const appliedAmount = sumAmounts(lines.map((l) => l.raw_amount ?? l.amount))
  const totalBefore = MathBN.add(cart.total as any, appliedAmount)
  const step = pointsStep(pointValue, cart.currency_code)
  const maxByTotal = maxPointsFor(totalBefore, pointValue)
  const max = Math.min(balance, maxByTotal - (maxByTotal % step))
  return {
    cart_id: cart.id,
    points: applied,
    amount: appliedAmount.toFixed(),
    currency_code: cart.currency_code,
    balance,
    max_points: Math.max(0, max),
    points_step: step,
    point_value: pointValue,
    credit_line_ids: lines.map((l) => l.id),
  }
}

export type ValidateRedemptionInput = { cart_id: string; customer_id: string; points: number }

/**
 * Checks a redemption against the customer's balance and the cart total
 * (before any points already applied, which the new amount replaces) and
 * prices it. Nothing is reserved: completion checks the balance again.
 */
export const validateCartRedemptionStep = createStep(
  "cbo-points-validate-cart-redemption",
  async (input: ValidateRedemptionInput, { container }) => {
    const cart = await loadCustomerCart(container, input.cart_id, input.customer_id)
    const { pointValue } = checkoutOptions(container)
    const balance = await pointsLedger(container).balance(input.customer_id)
    const current = describeRedemption(cart, balance, pointValue)
    if (input.points > balance) {
      throw fieldError(
        "points",
        balance > 0 ? `You have only ${balance} points` : "You have no points to redeem"
      )
    }
    const amount = pointsToAmount(input.points, pointValue, cart.currency_code)
    if (amount === null) {
      throw fieldError("points", `Points are redeemed in steps of ${current.points_step}`)
    }
    // the total before any points: a new redemption replaces the current one
    const totalBefore = MathBN.add(cart.total as any, current.amount)
    if (MathBN.gt(amount, totalBefore)) {
      throw fieldError(
        "points",
        `The cart total is ${totalBefore.toFixed()} ${cart.currency_code.toUpperCase()}: at most ${current.max_points} points can be applied`
      )
    }
    return new StepResponse({
      cart_id: cart.id,
      customer_id: input.customer_id,
      points: input.points,
      amount,
      currency_code: cart.currency_code,
      replace_ids: current.credit_line_ids,
    })
  }
)

/** Checks the cart can lose its points (owner, not completed); returns the credit lines to delete. */
export const validateCartRedemptionRemovalStep = createStep(
  "cbo-points-validate-cart-redemption-removal",
  async (input: { cart_id: string; customer_id: string }, { container }) => {
    const cart = await loadCustomerCart(container, input.cart_id, input.customer_id)
    return new StepResponse({
      ids: (cart.credit_lines ?? []).filter(isPointsLine).map((l) => l.id),
    })
  }
)
