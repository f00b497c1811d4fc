import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { DetailWidgetProps } from "@medusajs/framework/types"
import { Container, Heading, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { formatDateTime, formatNumber } from "../lib/format"
import { fetchOrderPoints, orderPointsQueryKey } from "../lib/order-points"
import { errorMessage } from "../lib/sdk"

type OrderLite = { id: string; currency_code?: string }

const Row = ({ label, value, hint }: { label: string; value: string; hint?: string }) => (
  <div className="flex items-center justify-between gap-x-4 px-6 py-3">
    <Text size="small" leading="compact" className="text-ui-fg-subtle">
      {label}
    </Text>
    <div className="text-right">
      <Text size="small" leading="compact" weight="plus">
        {value}
      </Text>
      {hint ? (
        <Text size="xsmall" leading="compact" className="text-ui-fg-muted">
          {hint}
        </Text>
      ) : null}
    </div>
  </div>
)

/** Order page side panel: loyalty points earned and redeemed with this order. */
const OrderLoyaltyPointsWidget = ({ data }: DetailWidgetProps<OrderLite>) => {
  const q = useQuery({
    queryKey: orderPointsQueryKey(data.id),
    queryFn: () => fetchOrderPoints(data.id),
  })
  const p = q.data
  const currency = (data.currency_code ?? "").toUpperCase()
  // display only: the ledger and the order's credit line hold the exact amounts
  const money = (points: number) => {
    if (!p) return ""
    const value = Math.round(points * p.point_value * 1e6) / 1e6
    try {
      return new Intl.NumberFormat(undefined, { style: "currency", currency }).format(value)
    } catch {
      return `${formatNumber(value)} ${currency}`.trim()
    }
  }

  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">Loyalty points</Heading>
      </div>
      {q.isLoading ? (
        <div className="px-6 py-4">
          <Text size="small" className="text-ui-fg-subtle">Loading…</Text>
        </div>
      ) : q.isError ? (
        <div className="px-6 py-4">
          <Text size="small" className="text-ui-fg-error">
            {errorMessage(q.error, "Could not load the points of this order")}
          </Text>
        </div>
      ) : p && !p.entries.length ? (
        <div className="px-6 py-4">
          <Text size="small" className="text-ui-fg-subtle">No points were earned or redeemed with this order.</Text>
        </div>
      ) : p ? (
        <>
          <Row
            label="Earned"
            value={`${formatNumber(p.earned - p.earned_reversed)} pts`}
            hint={p.earned_reversed ? `${formatNumber(p.earned)} earned, ${formatNumber(p.earned_reversed)} reversed` : undefined}
          />
          <Row
            label="Redeemed"
            value={`${formatNumber(p.redeemed - p.redeemed_restored)} pts`}
            hint={
              p.redeemed
                ? p.redeemed_restored
                  ? `${formatNumber(p.redeemed)} redeemed (${money(p.redeemed)}), ${formatNumber(p.redeemed_restored)} given back`
                  : `worth ${money(p.redeemed)}`
                : undefined
            }
          />
          <div className="flex flex-col gap-y-2 px-6 py-4">
            {p.entries.map((e) => (
              <div key={e.id} className="flex items-start justify-between gap-x-4">
                <div>
                  <Text size="small" leading="compact">{e.reason ?? e.kind}</Text>
                  <Text size="xsmall" leading="compact" className="text-ui-fg-muted">
                    {formatDateTime(e.created_at)}
                  </Text>
                </div>
                <Text
                  size="small"
                  leading="compact"
                  weight="plus"
                  className={e.points < 0 ? "text-ui-fg-error" : "text-ui-fg-interactive"}
                >
                  {e.points > 0 ? "+" : ""}
                  {formatNumber(e.points)}
                </Text>
              </div>
            ))}
          </div>
        </>
      ) : null}
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "order.details.side",
  id: "customer-backoffice-order-points",
})

export default OrderLoyaltyPointsWidget
