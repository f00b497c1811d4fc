import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import {
  createOrderFulfillmentWorkflow,
  createOrderShipmentWorkflow,
  markOrderFulfillmentAsDeliveredWorkflow,
} from "@medusajs/medusa/core-flows"
import { DAY } from "./demo-pick"

/**
 * Fulfilment on the demo orders through Medusa's own order workflows: paid
 * orders older than three days are fulfilled from the warehouse, web orders
 * older than a week shipped, and older than ten days delivered; the newest
 * stay "Not fulfilled". Idempotent: orders with a fulfilment are skipped.
 */
const itemsOf = (order: any) =>
  (order.items ?? []).map((i: any) => ({ id: i.id, quantity: Number(i.quantity?.numeric ?? i.quantity) }))

/**
 * Orders created by the demo (not through a cart) hold no stock reservation,
 * which fulfilment consumes: reserve each line at the warehouse first.
 */
async function reserveStock(container: MedusaContainer, order: any, locationId: string) {
  const inventory = container.resolve(Modules.INVENTORY)
  const lineIds = (order.items ?? []).map((i: any) => i.id)
  const have = new Set(
    (await inventory.listReservationItems({ line_item_id: lineIds }, { select: ["line_item_id"] })).map(
      (r) => r.line_item_id
    )
  )
  const missing = (order.items ?? []).filter((i: any) => !have.has(i.id))
  const reservations = missing.flatMap((i: any) =>
    (i.variant?.inventory_items ?? []).map((link: any) => ({
      line_item_id: i.id,
      inventory_item_id: link.inventory_item_id,
      location_id: locationId,
      quantity: Number(i.quantity?.numeric ?? i.quantity),
    }))
  )
  if (reservations.length) await inventory.createReservationItems(reservations)
}

export async function seedFulfillments(container: MedusaContainer, locationId: string, now: Date) {
  const pg = container.resolve<any>(ContainerRegistrationKeys.PG_CONNECTION)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { rows } = await pg.raw(
    `select o.id, o.created_at from "order" o
      where o.deleted_at is null and o.canceled_at is null and o.status <> 'draft'
        and o.metadata->>'demo_order_no' is not null and o.created_at < ?
        and exists (select 1 from order_payment_collection opc
                      join payment_collection pc on pc.id = opc.payment_collection_id and pc.deleted_at is null
                     where opc.order_id = o.id and opc.deleted_at is null and pc.status = 'completed')
        and not exists (select 1 from order_fulfillment f where f.order_id = o.id and f.deleted_at is null)
      order by o.created_at`,
    [new Date(now.getTime() - 3 * DAY)]
  )
  const out = { fulfilled: 0, shipped: 0, delivered: 0, failed: 0, error: "" }
  for (const row of rows as { id: string; created_at: Date }[]) {
    const { data } = await query.graph({
      entity: "order",
      fields: ["id", "items.*", "items.variant.inventory_items.inventory_item_id", "shipping_methods.id"],
      filters: { id: row.id },
    })
    const order = data[0] as any
    if (!order) continue
    const ageDays = (now.getTime() - new Date(row.created_at).getTime()) / DAY
    const shipsToCustomer = (order.shipping_methods ?? []).length > 0
    try {
      await reserveStock(container, order, locationId)
      const { result: fulfillment } = await createOrderFulfillmentWorkflow(container).run({
        input: {
          order_id: order.id,
          location_id: locationId,
          items: itemsOf(order),
          no_notification: true,
          ...(shipsToCustomer ? {} : { requires_shipping: false }),
        },
      })
      out.fulfilled++
      if (!shipsToCustomer) continue
      if (ageDays > 7) {
        await createOrderShipmentWorkflow(container).run({
          input: {
            order_id: order.id,
            fulfillment_id: fulfillment.id,
            items: itemsOf(order),
            labels: [{ tracking_number: `LO${String(order.id).slice(-8).toUpperCase()}`, tracking_url: "#", label_url: "#" }],
            no_notification: true,
          },
        })
        out.shipped++
      }
      if (ageDays > 10) {
        await markOrderFulfillmentAsDeliveredWorkflow(container).run({
          input: { orderId: order.id, fulfillmentId: fulfillment.id, no_notification: true },
        })
        out.delivered++
      }
    } catch (e) {
      out.failed++
      out.error ||= (e as Error).message
    }
  }
  return out
}
