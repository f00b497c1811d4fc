import { model } from "@medusajs/framework/utils"

/**
 * The customer list's order columns, kept fresh: one row per customer who
 * has (or had) orders. Recomputed for one customer from Medusa's order
 * summaries whenever an order event names them (placed, canceled, payment
 * refunded, order edit confirmed), and for everyone by the nightly
 * `customer_list.sales_reconcile` job. Same definition of net sales as the
 * metrics page (src/lib/customer-metrics/order-metrics-sql.ts).
 */
const CustomerSales = model
  .define("customer_sales", {
    id: model.id({ prefix: "cussal" }).primaryKey(),
    customer_id: model.text(),
    /** Purchases: orders neither canceled, draft nor deleted (every currency). */
    order_count: model.number().default(0),
    /** Net sales of the purchases in `currency_code`, integer minor units. */
    total_spent: model.number().default(0),
    /** The store's default currency when computed; null when the store has none. */
    currency_code: model.text().nullable(),
    last_order_at: model.dateTime().nullable(),
    computed_at: model.dateTime(),
  })
  .indexes([
    { on: ["customer_id"], unique: true, where: "deleted_at IS NULL" },
    { on: ["total_spent"], where: "deleted_at IS NULL" },
    { on: ["last_order_at"], where: "deleted_at IS NULL" },
    { on: ["order_count"], where: "deleted_at IS NULL" },
  ])

export default CustomerSales
