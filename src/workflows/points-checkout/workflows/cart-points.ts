import {
  createWorkflow,
  transform,
  when,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import {
  acquireLockStep,
  createCartCreditLinesWorkflow,
  deleteCartCreditLinesWorkflow,
  refreshPaymentCollectionForCartWorkflow,
  releaseLockStep,
} from "@medusajs/medusa/core-flows"
import { POINTS_CREDIT_LINE_REFERENCE } from "../../../lib/points-checkout"
import {
  validateCartRedemptionRemovalStep,
  validateCartRedemptionStep,
  type ValidateRedemptionInput,
} from "../steps/cart-points"

/**
 * Applies points to the customer's cart as a cart credit line (reference
 * `customer_points`, metadata {points, customer_id}); a second call replaces
 * the first. The points are only debited when the order is placed (see the
 * completeCartWorkflow validate hook). The cart's payment collection is
 * refreshed so the payment amount matches the reduced total.
 */
export const applyCartPointsWorkflow = createWorkflow(
  "cbo-points-apply-to-cart",
  (input: ValidateRedemptionInput) => {
    // Same key as completeCartWorkflow: no redemption change while it runs.
    acquireLockStep({ key: input.cart_id, timeout: 5, ttl: 30 })
    const checked = validateCartRedemptionStep(input)
    when("cbo-points-replace-previous", { checked }, ({ checked }) => checked.replace_ids.length > 0).then(() => {
      deleteCartCreditLinesWorkflow.runAsStep({
        input: transform({ checked }, ({ checked }) => ({ id: checked.replace_ids })),
      })
    })
    const lineInput = transform({ checked }, ({ checked }) => [
      {
        cart_id: checked.cart_id,
        // exact decimal string: the cart module stores it as a BigNumber
        amount: checked.amount as unknown as number,
        reference: POINTS_CREDIT_LINE_REFERENCE,
        reference_id: checked.customer_id,
        metadata: { points: checked.points, customer_id: checked.customer_id } as Record<string, unknown>,
      },
    ])
    const lines = createCartCreditLinesWorkflow.runAsStep({ input: lineInput })
    releaseLockStep({ key: input.cart_id })
    refreshPaymentCollectionForCartWorkflow.runAsStep({
      input: transform({ input }, ({ input }) => ({ cart_id: input.cart_id })),
    })
    return new WorkflowResponse(lines)
  }
)

/** Removes the points from the customer's cart (no-op when none are applied). */
export const removeCartPointsWorkflow = createWorkflow(
  "cbo-points-remove-from-cart",
  (input: { cart_id: string; customer_id: string }) => {
    acquireLockStep({ key: input.cart_id, timeout: 5, ttl: 30 })
    const checked = validateCartRedemptionRemovalStep(input)
    when("cbo-points-remove-lines", { checked }, ({ checked }) => checked.ids.length > 0).then(() => {
      deleteCartCreditLinesWorkflow.runAsStep({
        input: transform({ checked }, ({ checked }) => ({ id: checked.ids })),
      })
    })
    releaseLockStep({ key: input.cart_id })
    refreshPaymentCollectionForCartWorkflow.runAsStep({
      input: transform({ input }, ({ input }) => ({ cart_id: input.cart_id })),
    })
    return new WorkflowResponse(checked)
  }
)
