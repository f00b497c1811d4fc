import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"

/**
 * Demo data for the customer metrics page: one customer with a year of
 * orders in EUR and USD, one canceled, one partly refunded and one draft,
 * plus loyalty points — so every tile, both charts and the transaction
 * history show something. Idempotent (orders carry `demo_metrics_no`).
 */
const PRODUCTS = [
  { title: "Linen shirt", variant: "M / Sand", sku: "LIN-SHIRT-M", price: 59.95 },
  { title: "Canvas tote", variant: "Natural", sku: "TOTE-NAT", price: 24.5 },
  { title: "Merino scarf", variant: "Charcoal", sku: "MER-SCARF-CH", price: 39 },
  { title: "Ceramic mug", variant: "Set of 2", sku: "MUG-2", price: 18.9 },
  { title: "Leather wallet", variant: "Brown", sku: "WAL-BRN", price: 74 },
]

export async function seedMetricsShowcase(
  container: MedusaContainer,
  customerId: string,
  email: string,
  now: Date,
  /** 0, 1, 2…: each showcase customer gets their own spread of days and baskets */
  variant = 0
): Promise<{ created: number }> {
  const orders = container.resolve(Modules.ORDER)
  const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const { rows: have } = await pg.raw(
    `select (metadata->>'demo_metrics_no')::int as no from "order" where customer_id = ? and metadata->>'demo_metrics_no' is not null`,
    [customerId]
  )
  const done = new Set(have.map((r: { no: number }) => r.no))
  let created = 0
  // 28 orders over the last 13 months; a deterministic spread of days and baskets
  for (let no = 1; no <= 28; no++) {
    if (done.has(no)) continue
    const daysAgo = Math.round((no * 397) / 28) - ((no + variant * 2) % 5) + variant * 3
    const at = new Date(now.getTime() - Math.max(1, daysAgo) * 86_400_000 + (no % 9) * 3_600_000)
    const currency = (no + variant) % 6 === 0 ? "usd" : "eur"
    const rate = currency === "usd" ? 1.1 : 1
    const first = (no + variant * 2) % PRODUCTS.length
    const lines = [PRODUCTS[first], ...((no + variant) % 3 === 0 ? [PRODUCTS[(first + 2) % PRODUCTS.length]] : [])]
    const draft = no === 28
    const order = await orders.createOrders({
      currency_code: currency,
      customer_id: customerId,
      email,
      items: lines.map((p, i) => ({
        title: p.title,
        variant_title: p.variant,
        variant_sku: p.sku,
        quantity: 1 + ((no + i) % 3 === 0 ? 1 : 0),
        unit_price: Math.round(p.price * rate * 100) / 100,
        tax_lines: [{ code: currency === "usd" ? "SALES" : "VAT", rate: currency === "usd" ? 8 : 21, description: "Tax" }],
      })),
      shipping_methods: no % 4 === 0 ? [] : [{ name: "Standard delivery", amount: currency === "usd" ? 7.5 : 5.95 }],
      metadata: { demo_metrics_no: no },
      ...(draft ? { is_draft_order: true, status: "draft" as any } : {}),
    } as any)
    if (!draft) {
      const { rows } = await pg.raw(
        `select (totals->'raw_current_order_total'->>'value')::numeric as total from order_summary where order_id = ? and deleted_at is null order by version desc limit 1`,
        [order.id]
      )
      const total = Number(rows[0]?.total ?? 0)
      if (no !== 27) {
        await orders.addOrderTransactions({ order_id: order.id, amount: total, currency_code: currency, reference: "capture", reference_id: `demo_cap_${no}` })
      }
      if (no === 11) {
        await orders.addOrderTransactions({ order_id: order.id, amount: -20, currency_code: currency, reference: "refund", reference_id: `demo_ref_${no}` })
      }
      if (no === 27) await orders.cancel(order.id)
    }
    await pg.raw(`update "order" set created_at = ?, updated_at = ? where id = ?`, [at, at, order.id])
    created++
  }
  const points = container.resolve("customer_points") as {
    enroll?: (customerId: string, enrolled: boolean) => Promise<unknown>
    credit: (input: Record<string, unknown>) => Promise<unknown>
  }
  await points.enroll?.(customerId, true)
  await points.credit({
    customer_id: customerId,
    points: 1850,
    kind: "manual_add",
    reason: "Demo: welcome bonus",
    actor_type: "system",
    idempotency_key: `demo-metrics-points-${customerId}`,
  })
  const houseAccounts = container.resolve("house_accounts") as any
  const { accounts } = await houseAccounts.listAccounts({ customer_id: customerId }, { limit: 1, offset: 0 })
  if (!accounts.length && variant === 0) {
    const account = await houseAccounts.createAccount({ name: "Demo studio account", currency_code: "eur", credit_limit: 250000 })
    await houseAccounts.setCustomers(account.id, { add: [customerId] })
  }
  return { created }
}
