import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminCustomer, DetailWidgetProps } from "@medusajs/framework/types"
import { Badge, Button, Container, Heading, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { Link } from "react-router-dom"
import { STATUS_META, formatMinor, houseAccountKeys, houseAccountsApi } from "../lib/house-accounts"
import { formatMoney, loyaltyApi, loyaltyKeys } from "../lib/loyalty"

/** Brings a card of this page into view (the detailed cards sit further down). */
const scrollToCard = (testId: string) =>
  document.querySelector(`[data-testid="${testId}"]`)?.scrollIntoView({ behavior: "smooth", block: "start" })

/**
 * "Wallet" at the top of the side column: the loyalty balance and what the customer owes on house accounts, each
 * with the way to its detailed card or page. Shares its queries with those cards (one request each).
 */
const CustomerWalletWidget = ({ data: customer }: DetailWidgetProps<AdminCustomer>) => {
  const card = useQuery({
    queryKey: loyaltyKeys.card(customer.id),
    queryFn: () => loyaltyApi.card(customer.id),
  })
  const accounts = useQuery({
    queryKey: houseAccountKeys.customer(customer.id),
    queryFn: () => houseAccountsApi.list({ customer_id: customer.id, limit: 20, offset: 0 }),
  })
  const loyalty = card.data?.loyalty
  const houseAccounts = accounts.data?.house_accounts ?? []

  return (
    <Container className="divide-y p-0" data-testid="cbo-wallet-card">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">Wallet</Heading>
      </div>
      <div className="flex items-start justify-between gap-x-4 px-6 py-4">
        <div className="flex min-w-0 flex-col gap-y-1">
          <div className="flex items-center gap-x-2">
            <Text size="small" weight="plus">
              Loyalty points
            </Text>
            {loyalty && !loyalty.enrolled && (
              <Badge size="2xsmall" color="grey">
                Not enrolled
              </Badge>
            )}
          </div>
          <Text size="small" className="text-ui-fg-subtle tabular-nums" data-testid="cbo-wallet-points">
            {card.isError
              ? "Could not load the points"
              : !loyalty
                ? "Loading…"
                : `${loyalty.balance.toLocaleString()} pts · worth ${formatMoney(loyalty.value, loyalty.currency_code)}`}
          </Text>
        </div>
        <Button size="small" variant="transparent" onClick={() => scrollToCard("cbo-loyalty-card")}>
          Loyalty card
        </Button>
      </div>
      <div className="flex flex-col gap-y-1 px-6 py-4">
        <Text size="small" weight="plus">
          House accounts
        </Text>
        {accounts.isError && (
          <Text size="small" className="text-ui-fg-error">
            Could not load the house accounts
          </Text>
        )}
        {!accounts.isLoading && !accounts.isError && !houseAccounts.length && (
          <Text size="small" className="text-ui-fg-subtle">
            None: this customer cannot pay on account
          </Text>
        )}
        {houseAccounts.map((a) => (
          <Link
            key={a.id}
            to={`/backoffice/house-accounts/${a.id}`}
            className="text-ui-fg-subtle hover:text-ui-fg-base txt-compact-small tabular-nums"
          >
            <span className="text-ui-fg-interactive">{a.account_number}</span> owes{" "}
            {formatMinor(a.balance, a.currency_code)} · {formatMinor(a.available_credit, a.currency_code)} available
            {a.status !== "active" ? ` · ${STATUS_META[a.status].label}` : ""}
          </Link>
        ))}
      </div>
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "customer.details.side.before",
  id: "customer-backoffice-wallet",
})

export default CustomerWalletWidget
