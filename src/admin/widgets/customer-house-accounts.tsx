import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminCustomer, DetailWidgetProps } from "@medusajs/framework/types"
import { Badge, Button, Container, Heading, Text } from "@medusajs/ui"
import { useQuery, useQueryClient } from "@tanstack/react-query"
import { useState } from "react"
import { Link } from "react-router-dom"
import { CreateAccountDrawer } from "../components/house-accounts/create-account-drawer"
import { STATUS_META, formatMinor, houseAccountKeys, houseAccountsApi } from "../lib/house-accounts"
import { errorMessage } from "../lib/sdk"

/** "Pay on account" on the customer page: on when the customer may charge an active house account; their accounts. */
const CustomerHouseAccountsWidget = ({ data: customer }: DetailWidgetProps<AdminCustomer>) => {
  const qc = useQueryClient()
  const [createOpen, setCreateOpen] = useState(false)
  const list = useQuery({
    queryKey: houseAccountKeys.customer(customer.id),
    queryFn: () => houseAccountsApi.list({ customer_id: customer.id, limit: 20, offset: 0 }),
  })
  const accounts = list.data?.house_accounts ?? []
  const payOnAccount = accounts.some((a) => a.status === "active")

  return (
    <Container className="divide-y p-0" data-testid="cbo-house-accounts-card">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">House accounts</Heading>
        <Badge size="2xsmall" color={payOnAccount ? "green" : "grey"}>
          Pay on account: {payOnAccount ? "on" : "off"}
        </Badge>
      </div>
      {list.isError && (
        <Text size="small" className="text-ui-fg-error px-6 py-3" role="alert">
          {errorMessage(list.error)}
        </Text>
      )}
      {accounts.map((a) => (
        <Link
          key={a.id}
          to={`/backoffice/house-accounts/${a.id}`}
          className="hover:bg-ui-bg-base-hover flex flex-col gap-y-1 px-6 py-3"
        >
          <div className="flex items-center justify-between">
            <Text size="small" weight="plus">
              {a.account_number} · {a.name}
            </Text>
            <Badge size="2xsmall" color={STATUS_META[a.status].color}>
              {STATUS_META[a.status].label}
            </Badge>
          </div>
          <Text size="small" className="text-ui-fg-subtle">
            Owes {formatMinor(a.balance, a.currency_code)} · available {formatMinor(a.available_credit, a.currency_code)} of{" "}
            {formatMinor(a.credit_limit, a.currency_code)}
          </Text>
        </Link>
      ))}
      {!list.isLoading && !accounts.length && (
        <Text size="small" className="text-ui-fg-subtle px-6 py-3">
          This customer cannot pay on account.
        </Text>
      )}
      <div className="flex justify-end px-6 py-3">
        <Button size="small" variant="secondary" onClick={() => setCreateOpen(true)}>
          Open a house account
        </Button>
      </div>
      <CreateAccountDrawer
        open={createOpen}
        onOpenChange={setCreateOpen}
        customerId={customer.id}
        onCreated={() => qc.invalidateQueries({ queryKey: houseAccountKeys.all })}
      />
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "customer.details.side",
})

export default CustomerHouseAccountsWidget
