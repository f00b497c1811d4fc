/**
 * Core (Medusa) tables the plugin's set-based SQL reads and writes — the
 * import's batches and undo, the customer list, the stores backfill, the
 * export's rows. Names that Medusa derives are derived here the same way,
 * never written by hand.
 */
import CustomerModule from "@medusajs/medusa/customer"
import SalesChannelModule from "@medusajs/medusa/sales-channel"
import { linkTableName } from "../customer-data/links"

/**
 * The customer ↔ store (sales channel) link table of src/links/customer-stores.ts
 * (`customer_customer_sales_channel_sales_channel` in Medusa 2.21), named from
 * the same linkables as the link definition.
 */
export const CUSTOMER_STORES_TABLE = linkTableName(
  CustomerModule.linkable.customer,
  SalesChannelModule.linkable.salesChannel
)
