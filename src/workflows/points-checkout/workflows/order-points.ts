import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { acquireLockStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import {
  earnOrderPointsStep,
  restoreCanceledOrderRedemptionStep,
  reverseCanceledOrderEarningStep,
  reverseRefundedEarningStep,
  type OrderPointsResult,
} from "../steps/order-points"
import { recordTimelineStep } from "../../timeline"

/** Timeline lines of what a run wrote (nothing on a replay). */
function recordTimeline(results: { results: (OrderPointsResult | OrderPointsResult[] | undefined)[] }) {
  const lines = transform(results, ({ results }) =>
    results.flat().flatMap((r) => r?.timeline ?? [])
  )
  when("cbo-points-order-timeline", { lines }, ({ lines }) => lines.length > 0).then(() => {
    recordTimelineStep(lines)
  })
}

/** Order points are changed one event at a time per order (refunds read then reverse). */
const lockKey = (orderId: string) => `cbo-points-order:${orderId}`

/** order.placed → earn points (enrolled customers, once per order). */
export const earnOrderPointsWorkflow = createWorkflow(
  "cbo-points-earn-order",
  (input: { order_id: string }) => {
    const key = transform({ input }, ({ input }) => lockKey(input.order_id))
    acquireLockStep({ key, timeout: 30, ttl: 60 })
    const result = earnOrderPointsStep(input)
    recordTimeline({ results: [result] })
    releaseLockStep({ key })
    return new WorkflowResponse(result)
  }
)

/** order.canceled → reverse the earned points, give the redeemed points back. */
export const cancelOrderPointsWorkflow = createWorkflow(
  "cbo-points-cancel-order",
  (input: { order_id: string }) => {
    const key = transform({ input }, ({ input }) => lockKey(input.order_id))
    acquireLockStep({ key, timeout: 30, ttl: 60 })
    const earning = reverseCanceledOrderEarningStep(input)
    const redemptions = restoreCanceledOrderRedemptionStep(input)
    recordTimeline({ results: [earning, redemptions] })
    releaseLockStep({ key })
    return new WorkflowResponse({ earning, redemptions })
  }
)

/** payment.refunded → reverse earned points in proportion to the refunded total. */
export const refundOrderPointsWorkflow = createWorkflow(
  "cbo-points-refund-order",
  (input: { order_id: string }) => {
    const key = transform({ input }, ({ input }) => lockKey(input.order_id))
    acquireLockStep({ key, timeout: 30, ttl: 60 })
    const result = reverseRefundedEarningStep(input)
    recordTimeline({ results: [result] })
    releaseLockStep({ key })
    return new WorkflowResponse(result)
  }
)
