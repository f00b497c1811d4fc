import type {
  CustomerMetrics,
  CustomerTransaction,
  MonthlySales,
  Receipt,
  TransactionSortKey,
} from "../../types/customer-metrics"
import { apiGet, apiPost } from "./sdk"

export type { CustomerMetrics, CustomerTransaction, MonthlySales, Receipt, TransactionSortKey }

export type PeriodPreset = "30d" | "12m" | "ytd" | "all" | "custom"
/** from / to as YYYY-MM-DD (to includes its whole day); undefined = unbounded. */
export type Period = { preset: PeriodPreset; from?: string; to?: string }

export const PERIOD_PRESETS: { value: PeriodPreset; label: string }[] = [
  { value: "30d", label: "Last 30 days" },
  { value: "12m", label: "Last 12 months" },
  { value: "ytd", label: "Year to date" },
  { value: "all", label: "All time" },
  { value: "custom", label: "Custom" },
]

const day = (d: Date) => d.toISOString().slice(0, 10)

/** The dates of a preset, counted in UTC days up to and including today. */
export function presetPeriod(preset: Exclude<PeriodPreset, "custom">, now = new Date()): Period {
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()))
  switch (preset) {
    case "30d":
      return { preset, from: day(new Date(today.getTime() - 29 * 86_400_000)), to: day(today) }
    case "12m":
      return { preset, from: day(new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 11, 1))), to: day(today) }
    case "ytd":
      return { preset, from: `${today.getUTCFullYear()}-01-01`, to: day(today) }
    default:
      return { preset: "all" }
  }
}

export const metricsKeys = {
  all: (id: string) => ["cbo", "customer-metrics", id] as const,
  metrics: (id: string, p: Period) => ["cbo", "customer-metrics", id, "metrics", p.from ?? "", p.to ?? ""] as const,
  transactions: (id: string, q: Record<string, unknown>) => ["cbo", "customer-metrics", id, "transactions", q] as const,
  receipt: (id: string, orderId: string) => ["cbo", "customer-metrics", id, "receipt", orderId] as const,
}

export const metricsApi = {
  metrics: (id: string, p: Period) =>
    apiGet<CustomerMetrics>(`/admin/backoffice/customers/${id}/metrics`, { from: p.from, to: p.to }),
  transactions: (id: string, q: { limit: number; offset: number; order: string; from?: string; to?: string }) =>
    apiGet<{ transactions: CustomerTransaction[]; count: number }>(`/admin/backoffice/customers/${id}/transactions`, q),
  receipt: (id: string, orderId: string) =>
    apiGet<{ receipt: Receipt }>(`/admin/backoffice/customers/${id}/transactions/${orderId}`),
  sendReceipt: (id: string, orderId: string, email?: string) =>
    apiPost<{ notification_id: string | null; to: string }>(
      `/admin/backoffice/customers/${id}/transactions/${orderId}/send-receipt`,
      email ? { email } : {}
    ),
}

/** Series colours from the admin's own palette (CSS variables of @medusajs/ui). */
export const CHART_COLORS = [
  "var(--tag-blue-icon)",
  "var(--tag-green-icon)",
  "var(--tag-purple-icon)",
  "var(--tag-orange-icon)",
  "var(--tag-red-icon)",
]

export const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

/** Every month between the first and the last (YYYY-MM), at most 120. */
export function monthRange(first: string, last: string): string[] {
  const out: string[] = []
  let [y, m] = first.split("-").map(Number)
  const [ly, lm] = last.split("-").map(Number)
  while ((y < ly || (y === ly && m <= lm)) && out.length < 120) {
    out.push(`${y}-${String(m).padStart(2, "0")}`)
    m++
    if (m > 12) {
      m = 1
      y++
    }
  }
  return out
}

/**
 * The monthly chart's rows for one currency: every month of the period
 * (or between the first and last order for "all time"), 0 where there was
 * no order.
 */
export function monthlyRows(metrics: CustomerMetrics, currency: string, period: Period) {
  const rows = metrics.monthly.filter((m) => m.currency_code === currency)
  const first = period.from?.slice(0, 7) ?? metrics.first_order_at?.slice(0, 7) ?? rows[0]?.month
  const last = period.to?.slice(0, 7) ?? metrics.last_order_at?.slice(0, 7) ?? rows[rows.length - 1]?.month
  if (!first || !last) return []
  const byMonth = new Map(rows.map((r) => [r.month, r]))
  const months = monthRange(first, last)
  const span = months.length === 120 ? rows.map((r) => r.month) : months
  return span.map((month) => ({
    month,
    label: monthLabel(month),
    sales: byMonth.get(month)?.sales ?? 0,
    orders: byMonth.get(month)?.orders ?? 0,
  }))
}

export function weekdayRows(metrics: CustomerMetrics, currency: string) {
  return WEEKDAYS.map((label, i) => {
    const d = metrics.weekday.find((w) => w.weekday === i + 1 && w.currency_code === currency)
    return { label, average: d?.average ?? 0, sales: d?.sales ?? 0, days: d?.days ?? 0 }
  })
}

const monthFormat = new Intl.DateTimeFormat(undefined, { month: "short", year: "2-digit", timeZone: "UTC" })
export function monthLabel(month: string): string {
  const [y, m] = month.split("-").map(Number)
  return monthFormat.format(new Date(Date.UTC(y, m - 1, 1)))
}

export const TRANSACTION_STATUS_COLOR: Record<string, "green" | "blue" | "orange" | "grey" | "red"> = {
  completed: "green",
  pending: "blue",
  requires_action: "orange",
  archived: "grey",
  canceled: "red",
}
