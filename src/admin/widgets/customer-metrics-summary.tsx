import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminCustomer, DetailWidgetProps } from "@medusajs/framework/types"
import { ChartBar } from "@medusajs/icons"
import { Button, Container, Heading, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { Link } from "react-router-dom"
import { formatDate, formatNumber } from "../lib/format"
import { formatMinor } from "../lib/house-accounts"
import { metricsApi, metricsKeys } from "../lib/customer-metrics"

/** All-time visits and net sales on the customer page, with the way to the metrics page. */
const CustomerMetricsSummaryWidget = ({ data: customer }: DetailWidgetProps<AdminCustomer>) => {
  const period = { preset: "all" as const }
  const metrics = useQuery({
    queryKey: metricsKeys.metrics(customer.id, period),
    queryFn: () => metricsApi.metrics(customer.id, period),
  })
  const m = metrics.data
  return (
    <Container className="divide-y p-0" data-testid="cbo-metrics-summary">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">Sales</Heading>
        <Button size="small" variant="secondary" asChild>
          <Link to={`/backoffice/customers/${customer.id}/metrics`}>
            <ChartBar />
            View customer metrics
          </Link>
        </Button>
      </div>
      <div className="flex flex-col gap-y-1 px-6 py-4">
        {!m ? (
          <Text size="small" className="text-ui-fg-subtle">
            {metrics.isError ? "Could not load the figures" : "Loading…"}
          </Text>
        ) : m.visits === 0 ? (
          <Text size="small" className="text-ui-fg-subtle">
            No orders yet
          </Text>
        ) : (
          <>
            <Text size="small">
              {formatNumber(m.visits)} orders · last {formatDate(m.last_order_at)}
            </Text>
            {m.currency_totals.map((t) => (
              <Text key={t.currency_code} size="small" className="text-ui-fg-subtle tabular-nums">
                {formatMinor(t.sales, t.currency_code)} net · average {formatMinor(t.average, t.currency_code)}
              </Text>
            ))}
          </>
        )}
      </div>
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "customer.details.side.before",
})

export default CustomerMetricsSummaryWidget
