import type { Receipt } from "../../types/customer-metrics"
import { toMinor } from "./minor"

/** Fields of one order a receipt needs (read through Medusa's Query). */
export const RECEIPT_FIELDS = [
  "id",
  "display_id",
  "created_at",
  "status",
  "email",
  "currency_code",
  "customer_id",
  "summary",
  "total",
  "item_subtotal",
  "shipping_total",
  "discount_total",
  "tax_total",
  "items.id",
  "items.title",
  "items.variant_title",
  "items.variant_sku",
  "items.quantity",
  "items.unit_price",
  "items.total",
  "items.tax_total",
  "items.discount_total",
  "items.tax_lines.*",
  "items.adjustments.*",
  "shipping_methods.id",
  "shipping_methods.name",
  "shipping_methods.amount",
  "shipping_methods.total",
  "shipping_methods.tax_total",
  "shipping_methods.discount_total",
  "shipping_methods.tax_lines.*",
  "shipping_methods.adjustments.*",
  "payment_collections.payments.id",
  "payment_collections.payments.amount",
  "payment_collections.payments.provider_id",
  "payment_collections.payments.captured_at",
  "payment_collections.payments.canceled_at",
  "payment_collections.payments.created_at",
  "payment_collections.payments.refunds.id",
  "payment_collections.payments.refunds.amount",
  "payment_collections.payments.refunds.note",
  "payment_collections.payments.refunds.created_at",
]

type Any = Record<string, any>

const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null)

/** Taxes of lines/shipping by code: a tax line's own total, else the line's tax split by rate. */
function addTaxes(acc: Map<string, { code: string | null; rate: number | null; amount: number }>, owner: Any, digits: number) {
  const lines = (owner.tax_lines ?? []) as Any[]
  const rates = lines.reduce((s, l) => s + Number(l.rate ?? 0), 0)
  const ownerTax = toMinor(owner.tax_total, digits)
  for (const l of lines) {
    const amount =
      l.total !== undefined && l.total !== null
        ? toMinor(l.total, digits)
        : rates
          ? Math.round((ownerTax * Number(l.rate ?? 0)) / rates)
          : 0
    const key = `${l.code ?? ""}|${l.rate ?? ""}`
    const prev = acc.get(key) ?? { code: l.code ?? null, rate: l.rate === undefined ? null : Number(l.rate), amount: 0 }
    prev.amount += amount
    acc.set(key, prev)
  }
}

/** The receipt of an order as the admin drawer and the receipt notification show it. */
export function buildReceipt(order: Any, digits: number, netTotal: number): Receipt {
  const m = (v: unknown) => toMinor(v, digits)
  const items = (order.items ?? []) as Any[]
  const shipping = (order.shipping_methods ?? []) as Any[]
  const taxes = new Map<string, { code: string | null; rate: number | null; amount: number }>()
  const discounts = new Map<string, { code: string | null; amount: number }>()
  for (const owner of [...items, ...shipping]) {
    addTaxes(taxes, owner, digits)
    for (const a of (owner.adjustments ?? []) as Any[]) {
      const key = a.code ?? a.promotion_id ?? ""
      const prev = discounts.get(key) ?? { code: a.code ?? null, amount: 0 }
      prev.amount += m(a.amount)
      discounts.set(key, prev)
    }
  }
  const payments = ((order.payment_collections ?? []) as Any[]).flatMap((pc) => (pc.payments ?? []) as Any[])
  const summary = (order.summary?.totals ?? order.summary ?? {}) as Any
  return {
    order_id: order.id,
    display_id: Number(order.display_id),
    created_at: iso(order.created_at)!,
    status: order.status,
    email: order.email ?? null,
    currency_code: order.currency_code,
    lines: items.map((i) => ({
      id: i.id,
      title: i.title,
      variant_title: i.variant_title ?? null,
      sku: i.variant_sku ?? null,
      quantity: Number(i.quantity),
      unit_price: m(i.unit_price),
      discount_total: m(i.discount_total),
      tax_total: m(i.tax_total),
      total: m(i.total),
    })),
    shipping: shipping.map((s) => ({
      id: s.id,
      name: s.name,
      amount: m(s.amount),
      discount_total: m(s.discount_total),
      tax_total: m(s.tax_total),
      total: m(s.total),
    })),
    discounts: [...discounts.values()],
    taxes: [...taxes.values()],
    payments: payments.map((p) => ({
      id: p.id,
      provider_id: p.provider_id,
      amount: m(p.amount),
      captured_at: iso(p.captured_at),
      canceled_at: iso(p.canceled_at),
      created_at: iso(p.created_at)!,
    })),
    refunds: payments.flatMap((p) =>
      ((p.refunds ?? []) as Any[]).map((r) => ({
        id: r.id,
        amount: m(r.amount),
        note: r.note ?? null,
        created_at: iso(r.created_at)!,
      }))
    ),
    totals: {
      item_subtotal: m(order.item_subtotal),
      shipping_total: m(order.shipping_total),
      discount_total: m(order.discount_total),
      tax_total: m(order.tax_total),
      total: m(order.total),
      paid_total: m(summary.raw_paid_total ?? summary.paid_total),
      refunded_total: m(summary.raw_refunded_total ?? summary.refunded_total),
      net_total: netTotal,
    },
  }
}
