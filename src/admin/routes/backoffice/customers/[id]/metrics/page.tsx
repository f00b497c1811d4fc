import { ChartBar } from "@medusajs/icons"
import { Badge, Container, Heading, Text } from "@medusajs/ui"
import { keepPreviousData, useQuery } from "@tanstack/react-query"
import { useState } from "react"
import { Link, useParams } from "react-router-dom"
import { MetricTiles } from "../../../../../components/customer-metrics/metric-tiles"
import { MetricsCharts } from "../../../../../components/customer-metrics/metrics-charts"
import { PeriodPicker } from "../../../../../components/customer-metrics/period-picker"
import { TransactionsTable } from "../../../../../components/customer-metrics/transactions-table"
import { formatDate, formatPhone } from "../../../../../lib/format"
import { loyaltyApi, loyaltyKeys } from "../../../../../lib/loyalty"
import { metricsApi, metricsKeys, presetPeriod, type Period } from "../../../../../lib/customer-metrics"
import { apiGet, errorMessage } from "../../../../../lib/sdk"

type CustomerHeader = {
  id: string
  email: string | null
  first_name: string | null
  last_name: string | null
  company_name: string | null
  phone: string | null
  created_at: string
  addresses?: { address_1: string | null; city: string | null; postal_code: string | null; country_code: string | null; is_default_billing?: boolean }[]
}

const Header = ({ customer, enrolledAt }: { customer: CustomerHeader; enrolledAt: string | null }) => {
  const name = [customer.first_name, customer.last_name].filter(Boolean).join(" ") || customer.email || customer.id
  const address = customer.addresses?.find((a) => a.is_default_billing) ?? customer.addresses?.[0]
  const contact = [
    customer.email,
    customer.phone && formatPhone(customer.phone),
    address && [address.address_1, address.postal_code, address.city, address.country_code?.toUpperCase()].filter(Boolean).join(", "),
  ].filter(Boolean)
  return (
    <Container className="flex flex-wrap items-start justify-between gap-4 px-6 py-4" data-testid="cbo-metrics-header">
      <div className="flex flex-col gap-y-1">
        <Text size="small" className="text-ui-fg-subtle">
          <Link to={`/customers/${customer.id}`} className="hover:text-ui-fg-base">
            Customers / {name}
          </Link>
        </Text>
        <Heading>Customer metrics: {name}</Heading>
        {customer.company_name && <Text size="small">{customer.company_name}</Text>}
        <Text size="small" className="text-ui-fg-subtle">
          {contact.join(" · ") || "No contact details"}
        </Text>
      </div>
      <div className="flex flex-col items-end gap-y-1">
        <Text size="small" className="text-ui-fg-subtle">
          Customer since {formatDate(customer.created_at)}
        </Text>
        {enrolledAt ? (
          <Badge size="2xsmall" color="green">
            Loyalty member since {formatDate(enrolledAt)}
          </Badge>
        ) : (
          <Badge size="2xsmall" color="grey">
            Not in the loyalty program
          </Badge>
        )}
      </div>
    </Container>
  )
}

const CustomerMetricsPage = () => {
  const { id = "" } = useParams()
  const [period, setPeriod] = useState<Period>(() => presetPeriod("12m"))
  const customer = useQuery({
    queryKey: ["cbo", "customer", id, "metrics-header"],
    queryFn: () =>
      apiGet<{ customer: CustomerHeader }>(`/admin/customers/${id}`, {
        fields: "id,email,first_name,last_name,company_name,phone,created_at,*addresses",
      }),
  })
  const loyalty = useQuery({ queryKey: loyaltyKeys.card(id), queryFn: () => loyaltyApi.card(id) })
  const metrics = useQuery({
    queryKey: metricsKeys.metrics(id, period),
    queryFn: () => metricsApi.metrics(id, period),
    placeholderData: keepPreviousData,
  })
  const c = customer.data?.customer
  const m = metrics.data
  return (
    <div className="flex flex-col gap-y-3" data-testid="cbo-customer-metrics">
      {c ? (
        <Header customer={c} enrolledAt={loyalty.data?.loyalty.enrolled ? loyalty.data.loyalty.enrolled_at : null} />
      ) : (
        <Container className="px-6 py-4">
          <Text size="small" className={customer.isError ? "text-ui-fg-error" : "text-ui-fg-subtle"}>
            {customer.isError ? errorMessage(customer.error) : "Loading the customer…"}
          </Text>
        </Container>
      )}
      <div className="flex flex-wrap items-end justify-between gap-2">
        <PeriodPicker value={period} onChange={setPeriod} />
        {m && (
          <Text size="xsmall" className="text-ui-fg-muted">
            {m.period.from ? `${formatDate(m.period.from)} – ${formatDate(new Date(new Date(m.period.to ?? Date.now()).getTime() - 1))}` : "All time"} · dates in UTC
          </Text>
        )}
      </div>
      {metrics.isError && (
        <Container className="px-6 py-4">
          <Text size="small" className="text-ui-fg-error" role="alert">
            {errorMessage(metrics.error)}
          </Text>
        </Container>
      )}
      {m && <MetricTiles metrics={m} />}
      {m && m.visits === 0 ? (
        <Container className="flex flex-col items-center gap-y-1 px-6 py-12" data-testid="cbo-metrics-empty">
          <ChartBar className="text-ui-fg-muted" />
          <Text size="small" weight="plus">
            No orders in this period
          </Text>
          <Text size="small" className="text-ui-fg-subtle">
            Sales charts appear once the customer has placed an order. Try “All time”.
          </Text>
        </Container>
      ) : (
        m && <MetricsCharts metrics={m} period={period} />
      )}
      <TransactionsTable customerId={id} customerEmail={c?.email ?? null} period={period} />
    </div>
  )
}

export default CustomerMetricsPage
