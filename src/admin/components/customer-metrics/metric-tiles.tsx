import { Container, Text, Tooltip } from "@medusajs/ui"
import type { ReactNode } from "react"
import { formatDate, formatDateTime, formatNumber } from "../../lib/format"
import { formatMinor } from "../../lib/house-accounts"
import type { CustomerMetrics } from "../../lib/customer-metrics"

const Tile = ({ label, children, hint, testId }: { label: string; children: ReactNode; hint?: string; testId?: string }) => (
  <Container className="flex min-w-0 flex-col gap-y-1 px-4 py-3" data-testid={testId}>
    <Text size="xsmall" className="text-ui-fg-subtle uppercase tracking-wide">
      {label}
    </Text>
    <div className="txt-compact-large-plus text-ui-fg-base tabular-nums">{children}</div>
    {hint && (
      <Text size="xsmall" className="text-ui-fg-muted">
        {hint}
      </Text>
    )}
  </Container>
)

const Muted = ({ children }: { children: ReactNode }) => <span className="text-ui-fg-muted">{children}</span>

/** Visits, sales and average per currency, first/last order, loyalty, house account. */
export const MetricTiles = ({ metrics }: { metrics: CustomerMetrics }) => {
  const totals = metrics.currency_totals
  const loyalty = metrics.loyalty
  const house = metrics.house_account
  return (
    <div className="grid gap-3" style={{ gridTemplateColumns: "repeat(auto-fit, minmax(180px, 1fr))" }} data-testid="cbo-metrics-tiles">
      <Tile label="Visits" hint="Orders placed (canceled and drafts left out)" testId="cbo-tile-visits">
        {formatNumber(metrics.visits)}
      </Tile>
      <Tile label="Net sales" hint="After refunds; one line per currency" testId="cbo-tile-sales">
        {totals.length ? (
          <div className="flex flex-col">
            {totals.map((t) => (
              <span key={t.currency_code}>{formatMinor(t.sales, t.currency_code)}</span>
            ))}
          </div>
        ) : (
          <Muted>–</Muted>
        )}
      </Tile>
      <Tile label="Average order" testId="cbo-tile-average">
        {totals.length ? (
          <div className="flex flex-col">
            {totals.map((t) => (
              <span key={t.currency_code}>{formatMinor(t.average, t.currency_code)}</span>
            ))}
          </div>
        ) : (
          <Muted>–</Muted>
        )}
      </Tile>
      <Tile label="First / last order" testId="cbo-tile-dates">
        {metrics.first_order_at ? (
          <div className="flex flex-col txt-compact-medium-plus">
            <Tooltip content={formatDateTime(metrics.first_order_at)}>
              <span>{formatDate(metrics.first_order_at)}</span>
            </Tooltip>
            <Tooltip content={formatDateTime(metrics.last_order_at)}>
              <span>{formatDate(metrics.last_order_at)}</span>
            </Tooltip>
          </div>
        ) : (
          <Muted>No orders</Muted>
        )}
      </Tile>
      <Tile
        label="Loyalty"
        hint={loyalty.currency_code ? `Worth ${formatMinor(loyalty.value, loyalty.currency_code)}` : undefined}
        testId="cbo-tile-loyalty"
      >
        {formatNumber(loyalty.points)} pts
      </Tile>
      <Tile
        label="House account"
        hint={house ? `${house.account_number} · limit ${formatMinor(house.credit_limit, house.currency_code)}` : undefined}
        testId="cbo-tile-house-account"
      >
        {house ? formatMinor(house.balance, house.currency_code) : <Muted>None</Muted>}
      </Tile>
    </div>
  )
}
