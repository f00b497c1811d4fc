import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { FROM_ORDERS, NET_MINOR, ORDER_AMOUNTS } from "../customer-metrics/order-metrics-sql"

/**
 * The customer list's order columns (table `customer_sales`, module
 * customer_list), recomputed from Medusa's order summaries with the metrics
 * page's definitions: purchases are orders neither deleted, draft nor
 * canceled; net sales = current total − refunds not covered by a lower
 * total, in integer minor units. `total_spent` adds up only the orders in
 * the store's default currency (amounts in other currencies are never
 * summed with it); `order_count` and `last_order_at` count every currency.
 */
export type CustomerSalesRow = {
  customer_id: string
  order_count: number
  total_spent: number
  currency_code: string | null
  last_order_at: Date | null
}

/** The store's default currency (the first store's), or null. */
export const DEFAULT_CURRENCY_SQL = `(select sc.currency_code from store_currency sc
     join store st on st.id = sc.store_id and st.deleted_at is null
    where sc.is_default and sc.deleted_at is null
    order by st.created_at, st.id limit 1)`

/** The rows as they are now (absent: no row). */
export async function readCustomerSales(knex: Knex, customerIds: string[]): Promise<CustomerSalesRow[]> {
  if (!customerIds.length) return []
  const rows = await knex
    .from("customer_sales")
    .whereIn("customer_id", customerIds)
    .whereNull("deleted_at")
    .select("customer_id", "order_count", "total_spent", "currency_code", "last_order_at")
  return rows.map((r: CustomerSalesRow) => ({ ...r, order_count: Number(r.order_count), total_spent: Number(r.total_spent) }))
}

/**
 * Recomputes the rows of the given customers (one statement: an upsert of
 * one row per customer, 0 / null for a customer without purchases).
 * Returns the new rows.
 */
export async function recomputeCustomerSales(knex: Knex, customerIds: string[]): Promise<CustomerSalesRow[]> {
  const ids = [...new Set(customerIds.filter(Boolean))]
  if (!ids.length) return []
  const { rows } = await knex.raw(
    `with dc as (select ${DEFAULT_CURRENCY_SQL} as code),
          ids as (select unnest(?::text[]) as customer_id),
          b as (select o.customer_id, ${ORDER_AMOUNTS} ${FROM_ORDERS}
                 where o.customer_id = any(?::text[]) and o.deleted_at is null
                   and o.is_draft_order = false and o.status not in ('canceled', 'draft')),
          agg as (select ids.customer_id, count(b.id)::int as order_count,
                         coalesce(sum(case when b.currency_code = (select code from dc) then ${NET_MINOR} end), 0)::bigint as total_spent,
                         max(b.created_at) as last_order_at
                    from ids left join b on b.customer_id = ids.customer_id group by ids.customer_id)
     insert into customer_sales (id, customer_id, order_count, total_spent, currency_code, last_order_at, computed_at)
     select 'cussal_' || replace(gen_random_uuid()::text, '-', ''), agg.customer_id, agg.order_count, agg.total_spent,
            (select code from dc), agg.last_order_at, now()
       from agg
     on conflict (customer_id) where deleted_at is null do update set
       order_count = excluded.order_count, total_spent = excluded.total_spent, currency_code = excluded.currency_code,
       last_order_at = excluded.last_order_at, computed_at = excluded.computed_at, updated_at = now()
     returning customer_id, order_count, total_spent, currency_code, last_order_at`,
    [ids, ids]
  )
  return rows.map((r: CustomerSalesRow) => ({ ...r, order_count: Number(r.order_count), total_spent: Number(r.total_spent) }))
}

/** Puts rows back as they were (compensation); customers without a previous row lose theirs. */
export async function restoreCustomerSales(knex: Knex, customerIds: string[], previous: CustomerSalesRow[]) {
  const had = new Set(previous.map((r) => r.customer_id))
  const gone = customerIds.filter((id) => !had.has(id))
  if (gone.length) await knex("customer_sales").whereIn("customer_id", gone).whereNull("deleted_at").delete()
  for (const r of previous) {
    await knex("customer_sales").where({ customer_id: r.customer_id }).whereNull("deleted_at").update({
      order_count: r.order_count,
      total_spent: r.total_spent,
      currency_code: r.currency_code,
      last_order_at: r.last_order_at,
      updated_at: new Date(),
    })
  }
}

/** The customer of an order (null: no order or a guest order without customer). */
export async function customerOfOrder(knex: Knex, orderId: string): Promise<string | null> {
  const [row] = await knex.from("order").where({ id: orderId }).select("customer_id").limit(1)
  return row?.customer_id ?? null
}
