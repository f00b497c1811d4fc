import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { refreshCustomerSalesWorkflow } from "../workflows/customer-list/workflows"
import { customerOfOrder } from "../lib/customer-list/sales"
import { orderIdOfPayment } from "../workflows/points-checkout/steps/order-points"

/**
 * Keeps the customer list's order columns fresh: each order event recomputes
 * the one customer's row from Medusa's order summaries (a recompute, not an
 * increment, so a redelivered or out-of-order event leaves the right figure).
 * Events of Medusa 2.21: order.placed, order.canceled, order.updated,
 * order.return_received, order-edit.confirmed ({ order_id }), payment.refunded
 * (a payment id → its order through the payment collection).
 */
export default async function customerListSalesSubscriber({
  event,
  container,
}: SubscriberArgs<{ id?: string; order_id?: string }>) {
  const knex: Knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  let orderId: string | null | undefined = event.data?.order_id ?? event.data?.id
  if (event.name === "payment.refunded") {
    orderId = event.data?.id ? await orderIdOfPayment(container, event.data.id) : null
  }
  if (!orderId) return
  const customerId = await customerOfOrder(knex, orderId)
  if (!customerId) return
  try {
    await refreshCustomerSalesWorkflow(container).run({ input: { customer_ids: [customerId] } })
  } catch (e) {
    const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
    logger.error(`[customer-backoffice] list sales of ${customerId} after ${event.name} failed: ${(e as Error).message}`)
    throw e
  }
}

export const config: SubscriberConfig = {
  event: [
    "order.placed",
    "order.canceled",
    "order.updated",
    "order.return_received",
    "order-edit.confirmed",
    "payment.refunded",
  ],
  context: { subscriberId: "cbo-customer-list-sales" },
}
