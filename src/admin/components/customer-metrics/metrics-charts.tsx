import { Button, Container, Heading, Table, Text } from "@medusajs/ui"
import { useState, type ReactNode } from "react"
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts"
import { formatNumber } from "../../lib/format"
import { formatMinor, minorDigits } from "../../lib/house-accounts"
import {
  CHART_COLORS,
  monthlyRows,
  weekdayRows,
  type CustomerMetrics,
  type Period,
} from "../../lib/customer-metrics"

type View = "chart" | "table"

const ViewToggle = ({ view, onChange, label }: { view: View; onChange: (v: View) => void; label: string }) => (
  <div className="flex gap-x-1" role="group" aria-label={`${label}: chart or table`}>
    {(["chart", "table"] as const).map((v) => (
      <Button
        key={v}
        size="small"
        variant={view === v ? "secondary" : "transparent"}
        aria-pressed={view === v}
        onClick={() => onChange(v)}
      >
        {v === "chart" ? "Chart" : "Table"}
      </Button>
    ))}
  </div>
)

const ChartCard = ({
  title,
  subtitle,
  view,
  onView,
  children,
  testId,
}: {
  title: string
  subtitle: string
  view: View
  onView: (v: View) => void
  children: ReactNode
  testId: string
}) => (
  <Container className="flex min-w-0 flex-col gap-y-3 p-4" data-testid={testId}>
    <div className="flex items-start justify-between gap-x-2">
      <div>
        <Heading level="h2">{title}</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          {subtitle}
        </Text>
      </div>
      <ViewToggle view={view} onChange={onView} label={title} />
    </div>
    {children}
  </Container>
)

/** Compact axis labels in major units: 1250 minor EUR → "12.5", 1,250,000 → "12.5k". */
function axisMoney(minor: number, currency: string) {
  const major = minor / 10 ** minorDigits(currency)
  return new Intl.NumberFormat(undefined, { notation: "compact", maximumFractionDigits: 1 }).format(major)
}

const TooltipBox = ({ title, lines }: { title: string; lines: string[] }) => (
  <div className="shadow-elevation-tooltip bg-ui-bg-component rounded-lg px-3 py-2">
    <Text size="small" weight="plus">
      {title}
    </Text>
    {lines.map((l) => (
      <Text key={l} size="xsmall" className="text-ui-fg-subtle">
        {l}
      </Text>
    ))}
  </div>
)

const axisTick = { fill: "var(--fg-muted)", fontSize: 11 }

/** Monthly net sales and average spend by weekday of one currency, each as a chart or a table. */
export const MetricsCharts = ({ metrics, period }: { metrics: CustomerMetrics; period: Period }) => {
  const currencies = metrics.currency_totals.map((t) => t.currency_code)
  const [picked, setPicked] = useState<string | null>(null)
  const currency = picked && currencies.includes(picked) ? picked : currencies[0]
  const [monthlyView, setMonthlyView] = useState<View>("chart")
  const [weekdayView, setWeekdayView] = useState<View>("chart")
  if (!currency) return null
  const color = CHART_COLORS[currencies.indexOf(currency) % CHART_COLORS.length]
  const months = monthlyRows(metrics, currency, period)
  const days = weekdayRows(metrics, currency)
  const money = (n: number) => formatMinor(n, currency)
  const code = currency.toUpperCase()

  return (
    <div className="flex flex-col gap-y-3">
      {currencies.length > 1 && (
        <div className="flex items-center gap-x-2" role="group" aria-label="Currency of the charts">
          <Text size="small" className="text-ui-fg-subtle">
            Currency (never added up):
          </Text>
          {currencies.map((c) => (
            <Button
              key={c}
              size="small"
              variant={c === currency ? "secondary" : "transparent"}
              aria-pressed={c === currency}
              onClick={() => setPicked(c)}
            >
              {c.toUpperCase()}
            </Button>
          ))}
        </div>
      )}
      <div className="grid gap-3" style={{ gridTemplateColumns: "repeat(auto-fit, minmax(440px, 1fr))" }}>
        <ChartCard
          title="Monthly sales"
          subtitle={`Net sales per month, ${code}`}
          view={monthlyView}
          onView={setMonthlyView}
          testId="cbo-chart-monthly"
        >
          {monthlyView === "chart" ? (
            <div style={{ height: 260 }} role="img" aria-label={`Monthly net sales in ${code}; the table view lists the figures`}>
              <ResponsiveContainer width="100%" height="100%">
                <BarChart data={months} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
                  <CartesianGrid vertical={false} stroke="var(--border-base)" />
                  <XAxis dataKey="label" tick={axisTick} tickLine={false} axisLine={{ stroke: "var(--border-base)" }} />
                  <YAxis tick={axisTick} tickLine={false} axisLine={false} width={48} tickFormatter={(v: number) => axisMoney(v, currency)} />
                  <Tooltip
                    cursor={{ fill: "var(--bg-subtle-hover)" }}
                    content={({ active, payload }) => {
                      const row = active ? (payload?.[0]?.payload as (typeof months)[number] | undefined) : undefined
                      return row ? (
                        <TooltipBox title={row.label} lines={[`Net sales ${money(row.sales)}`, `${formatNumber(row.orders)} orders`]} />
                      ) : null
                    }}
                  />
                  <Bar dataKey="sales" name="Net sales" fill={color} radius={[4, 4, 0, 0]} maxBarSize={36} />
                </BarChart>
              </ResponsiveContainer>
            </div>
          ) : (
            <Table>
              <Table.Header>
                <Table.Row>
                  <Table.HeaderCell>Month</Table.HeaderCell>
                  <Table.HeaderCell className="text-right">Orders</Table.HeaderCell>
                  <Table.HeaderCell className="text-right">Net sales</Table.HeaderCell>
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {months.map((m) => (
                  <Table.Row key={m.month}>
                    <Table.Cell>{m.label}</Table.Cell>
                    <Table.Cell className="text-right tabular-nums">{formatNumber(m.orders)}</Table.Cell>
                    <Table.Cell className="text-right tabular-nums">{money(m.sales)}</Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          )}
        </ChartCard>
        <ChartCard
          title="Average daily spend"
          subtitle={`By weekday, on days with an order, ${code}`}
          view={weekdayView}
          onView={setWeekdayView}
          testId="cbo-chart-weekday"
        >
          {weekdayView === "chart" ? (
            <div style={{ height: 260 }} role="img" aria-label={`Average spend by weekday in ${code}; the table view lists the figures`}>
              <ResponsiveContainer width="100%" height="100%">
                <BarChart data={days} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
                  <CartesianGrid vertical={false} stroke="var(--border-base)" />
                  <XAxis dataKey="label" tick={axisTick} tickLine={false} axisLine={{ stroke: "var(--border-base)" }} />
                  <YAxis tick={axisTick} tickLine={false} axisLine={false} width={48} tickFormatter={(v: number) => axisMoney(v, currency)} />
                  <Tooltip
                    cursor={{ fill: "var(--bg-subtle-hover)" }}
                    content={({ active, payload }) => {
                      const row = active ? (payload?.[0]?.payload as (typeof days)[number] | undefined) : undefined
                      return row ? (
                        <TooltipBox
                          title={row.label}
                          lines={[`Average ${money(row.average)}`, `Net sales ${money(row.sales)}`, `${formatNumber(row.days)} days with orders`]}
                        />
                      ) : null
                    }}
                  />
                  <Bar dataKey="average" name="Average spend" fill="var(--tag-purple-icon)" radius={[4, 4, 0, 0]} maxBarSize={36} />
                </BarChart>
              </ResponsiveContainer>
            </div>
          ) : (
            <Table>
              <Table.Header>
                <Table.Row>
                  <Table.HeaderCell>Weekday</Table.HeaderCell>
                  <Table.HeaderCell className="text-right">Days</Table.HeaderCell>
                  <Table.HeaderCell className="text-right">Net sales</Table.HeaderCell>
                  <Table.HeaderCell className="text-right">Average</Table.HeaderCell>
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {days.map((d) => (
                  <Table.Row key={d.label}>
                    <Table.Cell>{d.label}</Table.Cell>
                    <Table.Cell className="text-right tabular-nums">{formatNumber(d.days)}</Table.Cell>
                    <Table.Cell className="text-right tabular-nums">{money(d.sales)}</Table.Cell>
                    <Table.Cell className="text-right tabular-nums">{money(d.average)}</Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          )}
        </ChartCard>
      </div>
    </div>
  )
}
