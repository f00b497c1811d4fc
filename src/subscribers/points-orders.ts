import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import {
  cancelOrderPointsWorkflow,
  earnOrderPointsWorkflow,
  refundOrderPointsWorkflow,
} from "../workflows/points-checkout/workflows"
import { orderIdOfPayment } from "../workflows/points-checkout/steps/order-points"

/**
 * Loyalty points follow the order's life: placed → earn, canceled → reverse
 * the earning and give redeemed points back, payment refunded → reverse the
 * earning in proportion. Every workflow is idempotent (ledger keys per order),
 * so a redelivered event changes nothing.
 */
export default async function pointsOrdersSubscriber({
  event,
  container,
}: SubscriberArgs<{ id: string }>) {
  const id = event.data?.id
  if (!id) return
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  try {
    if (event.name === "order.placed") {
      await earnOrderPointsWorkflow(container).run({ input: { order_id: id } })
    } else if (event.name === "order.canceled") {
      await cancelOrderPointsWorkflow(container).run({ input: { order_id: id } })
    } else if (event.name === "payment.refunded") {
      const orderId = await orderIdOfPayment(container, id)
      if (orderId) {
        await refundOrderPointsWorkflow(container).run({ input: { order_id: orderId } })
      }
    }
  } catch (e) {
    logger.error(`[customer-backoffice] loyalty points for ${event.name} ${id} failed: ${(e as Error).message}`)
    throw e
  }
}

export const config: SubscriberConfig = {
  event: ["order.placed", "order.canceled", "payment.refunded"],
  context: { subscriberId: "cbo-points-orders" },
}
