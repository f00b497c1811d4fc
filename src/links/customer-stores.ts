import { defineLink } from "@medusajs/framework/utils"
import CustomerModule from "@medusajs/medusa/customer"
import SalesChannelModule from "@medusajs/medusa/sales-channel"

/**
 * The stores (sales channels) a customer is assigned to: many-to-many.
 * `customer.sales_channels` / `sales_channel.customers` in query.graph.
 */
export default defineLink(
  { linkable: CustomerModule.linkable.customer, isList: true },
  { linkable: SalesChannelModule.linkable.salesChannel, isList: true }
)
