import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type {
  CurrencyTotal,
  CustomerTransaction,
  MonthlySales,
  TransactionSortKey,
  WeekdaySpend,
} from "../../types/customer-metrics"

/**
 * SQL adapter over Medusa's order tables for customer metrics.
 *
 * Order totals are not columns of `order`: Medusa keeps them in
 * `order_summary.totals` (jsonb, one row per order version; the current one
 * has `version = order.version`). Reading them here costs one indexed scan of
 * the customer's orders (`IDX_order_customer_id`) and never loads items,
 * adjustments or tax lines. Amounts in `totals` are decimals in major units;
 * they are turned into integers in minor units with the currency's
 * `decimal_digits` (Medusa's currency table) before anything is added up.
 *
 * Net sales of an order =
 *   current total − (refunds not already covered by a lower total)
 *   = current_order_total − max(0, refunded_total − max(0, paid_total − current_order_total))
 * A refund for returned items lowers the current total (the return) and
 * comes back as a refund: counted once. A goodwill refund lowers net sales.
 */

export type MetricsPeriod = { from?: Date; to?: Date }

export type OrderMetricsRows = {
  currency_totals: CurrencyTotal[]
  monthly: MonthlySales[]
  weekday: WeekdaySpend[]
  visits: number
  first_order_at: string | null
  last_order_at: string | null
}

const amount = (key: string) =>
  `coalesce((s.totals->'raw_${key}'->>'value')::numeric, (s.totals->>'${key}')::numeric, 0)`

/** Per order: total, refunded and net sales in minor units. */
export const ORDER_AMOUNTS = `
  o.id, o.display_id, o.created_at, o.currency_code, o.status,
  power(10, coalesce(cur.decimal_digits, 2)) as scale,
  ${amount("current_order_total")} as total_major,
  ${amount("refunded_total")} as refunded_major,
  ${amount("paid_total")} as paid_major`

export const FROM_ORDERS = `
  from "order" o
  join order_summary s on s.order_id = o.id and s.version = o.version and s.deleted_at is null
  left join currency cur on cur.code = o.currency_code`

export const NET_MINOR = `round((b.total_major - greatest(0, b.refunded_major - greatest(0, b.paid_major - b.total_major))) * b.scale)::bigint`

const SORT_SQL: Record<TransactionSortKey, string> = {
  created_at: "created_at",
  display_id: "display_id",
  net_total: "net_total",
}

export class OrderMetricsSql {
  constructor(private readonly knex: Knex) {}

  /** Orders that count as purchases: not deleted, not drafts, not canceled. */
  private purchaseWhere(customerId: string, period: MetricsPeriod) {
    const where = [
      "o.customer_id = ?",
      "o.deleted_at is null",
      "o.is_draft_order = false",
      "o.status not in ('canceled', 'draft')",
    ]
    const values: Knex.Value[] = [customerId]
    if (period.from) {
      where.push("o.created_at >= ?")
      values.push(period.from)
    }
    if (period.to) {
      where.push("o.created_at < ?")
      values.push(period.to)
    }
    return { sql: where.join(" and "), values }
  }

  /** Totals per currency, months, weekdays, visits and first/last order of the period. */
  async metrics(customerId: string, period: MetricsPeriod = {}): Promise<OrderMetricsRows> {
    const w = this.purchaseWhere(customerId, period)
    const { rows } = await this.knex.raw(
      `with b as (select ${ORDER_AMOUNTS} ${FROM_ORDERS} where ${w.sql}),
            p as (select b.currency_code, b.created_at, b.created_at at time zone 'UTC' as at, ${NET_MINOR} as net from b)
       select
         (select coalesce(json_agg(t order by t.currency_code), '[]'::json) from (
            select currency_code, count(*)::int as orders, sum(net)::bigint as sales
              from p group by currency_code) t) as currency_totals,
         (select coalesce(json_agg(t order by t.month, t.currency_code), '[]'::json) from (
            select to_char(at, 'YYYY-MM') as month, currency_code, sum(net)::bigint as sales, count(*)::int as orders
              from p group by 1, 2) t) as monthly,
         (select coalesce(json_agg(t order by t.weekday, t.currency_code), '[]'::json) from (
            select extract(isodow from at)::int as weekday, currency_code, sum(net)::bigint as sales,
                   count(distinct at::date)::int as days
              from p group by 1, 2) t) as weekday,
         (select count(*)::int from p) as visits,
         (select min(created_at) from p) as first_order_at,
         (select max(created_at) from p) as last_order_at`,
      w.values
    )
    const r = rows[0]
    const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null)
    return {
      currency_totals: (r.currency_totals as { currency_code: string; orders: number; sales: number }[]).map(
        (t) => ({ ...t, sales: Number(t.sales), average: divideHalfUp(Number(t.sales), t.orders) })
      ),
      monthly: (r.monthly as MonthlySales[]).map((m) => ({ ...m, sales: Number(m.sales) })),
      weekday: (r.weekday as Omit<WeekdaySpend, "average">[]).map((d) => ({
        weekday: d.weekday,
        currency_code: d.currency_code,
        average: divideHalfUp(Number(d.sales), d.days),
        sales: Number(d.sales),
        days: d.days,
      })),
      visits: Number(r.visits),
      first_order_at: iso(r.first_order_at),
      last_order_at: iso(r.last_order_at),
    }
  }

  /**
   * The customer's orders (drafts excluded; canceled ones listed with a net
   * total of 0), paged and sorted.
   */
  async transactions(
    customerId: string,
    page: { limit: number; offset: number; sort: TransactionSortKey; direction: "asc" | "desc" },
    period: MetricsPeriod = {},
    orderId?: string
  ): Promise<{ transactions: CustomerTransaction[]; count: number }> {
    const where = ["o.customer_id = ?", "o.deleted_at is null", "o.is_draft_order = false", "o.status <> 'draft'"]
    const values: Knex.Value[] = [customerId]
    if (orderId) {
      where.push("o.id = ?")
      values.push(orderId)
    }
    if (period.from) {
      where.push("o.created_at >= ?")
      values.push(period.from)
    }
    if (period.to) {
      where.push("o.created_at < ?")
      values.push(period.to)
    }
    const dir = page.direction === "asc" ? "asc" : "desc"
    const whereSql = where.join(" and ")
    const select = `select b.id, b.display_id, b.created_at, b.currency_code, b.status,
              round(b.total_major * b.scale)::bigint as total,
              round(b.refunded_major * b.scale)::bigint as refunded_total,
              case when b.status = 'canceled' then 0 else ${NET_MINOR} end as net_total`
    let rows: Record<string, unknown>[]
    let count: number
    if (page.sort === "net_total") {
      // sorting by an amount needs every order's summary
      ;({ rows } = await this.knex.raw(
        `with b as (select ${ORDER_AMOUNTS} ${FROM_ORDERS} where ${whereSql})
         ${select}, count(*) over () as total_count
           from b order by net_total ${dir}, id ${dir} limit ? offset ?`,
        [...values, page.limit, page.offset]
      ))
      count = rows.length ? Number(rows[0].total_count) : -1
    } else {
      // a page of orders by a column of "order", then only that page's summaries
      const col = SORT_SQL[page.sort]
      ;({ rows } = await this.knex.raw(
        `with pg as (select o.id from "order" o where ${whereSql} order by o.${col} ${dir}, o.id ${dir} limit ? offset ?),
              b as (select ${ORDER_AMOUNTS} ${FROM_ORDERS} where o.id in (select id from pg))
         ${select} from b order by ${col} ${dir}, id ${dir}`,
        [...values, page.limit, page.offset]
      ))
      count = -1
    }
    if (count < 0) {
      const { rows: c } = await this.knex.raw(`select count(*) as n from "order" o where ${whereSql}`, values)
      count = Number(c[0].n)
    }
    return {
      transactions: rows.map((r: Record<string, unknown>) => ({
        id: r.id as string,
        display_id: Number(r.display_id),
        created_at: new Date(r.created_at as string).toISOString(),
        currency_code: r.currency_code as string,
        status: r.status as string,
        total: Number(r.total),
        refunded_total: Number(r.refunded_total),
        net_total: Number(r.net_total),
      })),
      count,
    }
  }

  /**
   * One order of the customer as a transaction row (drafts and other
   * customers' orders: null).
   */
  async transaction(customerId: string, orderId: string): Promise<CustomerTransaction | null> {
    const { transactions } = await this.transactions(
      customerId,
      { limit: 1, offset: 0, sort: "created_at", direction: "desc" },
      {},
      orderId
    )
    return transactions[0] ?? null
  }

  /** Decimal digits of a currency's minor unit (Medusa's currency table; 2 when unknown). */
  async currencyDigits(code: string): Promise<number> {
    const { rows } = await this.knex.raw(`select decimal_digits from currency where code = ?`, [code.toLowerCase()])
    return rows.length ? Number(rows[0].decimal_digits) : 2
  }
}

/** a / b rounded half-up (b > 0), on integers. */
export function divideHalfUp(a: number, b: number): number {
  if (!b) return 0
  const sign = a < 0 ? -1 : 1
  const abs = Math.abs(a)
  return sign * Math.floor((abs * 2 + b) / (b * 2))
}
