/**
 * Customer metrics and transaction history, shared by the admin API and the
 * admin page. Every amount is an integer in minor units of its
 * `currency_code` (1250 = 12.50 EUR); amounts in different currencies are
 * never added up.
 */

export type CurrencyTotal = {
  currency_code: string
  /** Orders placed in this currency (canceled and draft orders excluded). */
  orders: number
  /** Net sales: order totals after edits and returns, less refunds. */
  sales: number
  /** sales / orders, rounded half-up. */
  average: number
}

export type MonthlySales = {
  /** YYYY-MM (UTC). */
  month: string
  currency_code: string
  sales: number
  orders: number
}

export type WeekdaySpend = {
  /** ISO weekday: 1 = Monday … 7 = Sunday (UTC). */
  weekday: number
  currency_code: string
  /** Average net spend per day on which the customer ordered (sales / days). */
  average: number
  sales: number
  /** Distinct days with an order on this weekday. */
  days: number
}

export type CustomerMetricsHouseAccount = {
  id: string
  account_number: string
  name: string
  currency_code: string
  /** What the customer owes on account (minor units). */
  balance: number
  credit_limit: number
  status: string
}

export type CustomerMetrics = {
  customer_id: string
  /** The period asked for: from inclusive, to exclusive (ISO); null = unbounded. */
  period: { from: string | null; to: string | null }
  currency_totals: CurrencyTotal[]
  /** Orders in the period (every currency). */
  visits: number
  first_order_at: string | null
  last_order_at: string | null
  monthly: MonthlySales[]
  weekday: WeekdaySpend[]
  /** Current balance and its value in the store's default currency (minor units). */
  loyalty: { points: number; value: number; currency_code: string | null }
  /** The customer's house account (the most recently opened one) when there is one. */
  house_account?: CustomerMetricsHouseAccount
}

export const TRANSACTION_SORT_KEYS = ["created_at", "display_id", "net_total"] as const
export type TransactionSortKey = (typeof TRANSACTION_SORT_KEYS)[number]

export type CustomerTransaction = {
  id: string
  display_id: number
  created_at: string
  currency_code: string
  status: string
  /** Current order total (after edits and returns). */
  total: number
  refunded_total: number
  /** What counts as sales (0 for a canceled order). */
  net_total: number
}

export type ReceiptLine = {
  id: string
  title: string
  variant_title: string | null
  sku: string | null
  quantity: number
  unit_price: number
  discount_total: number
  tax_total: number
  total: number
}

export type Receipt = {
  order_id: string
  display_id: number
  created_at: string
  status: string
  email: string | null
  currency_code: string
  lines: ReceiptLine[]
  shipping: { id: string; name: string; amount: number; discount_total: number; tax_total: number; total: number }[]
  discounts: { code: string | null; amount: number }[]
  taxes: { code: string | null; rate: number | null; amount: number }[]
  payments: { id: string; provider_id: string; amount: number; captured_at: string | null; canceled_at: string | null; created_at: string }[]
  refunds: { id: string; amount: number; note: string | null; created_at: string }[]
  totals: {
    item_subtotal: number
    shipping_total: number
    discount_total: number
    tax_total: number
    total: number
    paid_total: number
    refunded_total: number
    net_total: number
  }
}
