import { defineRouteConfig } from "@medusajs/admin-sdk"
import { CreditCard, Plus } from "@medusajs/icons"
import { Badge, Button, Checkbox, Container, Heading, Input, Label, Select, Table, Text } from "@medusajs/ui"
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query"
import { useEffect, useState } from "react"
import { useNavigate } from "react-router-dom"
import { CreateAccountDrawer } from "../../../components/house-accounts/create-account-drawer"
import { ListPagination } from "../../../components/list-pagination"
import { formatDate } from "../../../lib/format"
import {
  STATUS_META,
  formatMinor,
  houseAccountKeys,
  houseAccountsApi,
  type HouseAccountStatus,
} from "../../../lib/house-accounts"
import { errorMessage } from "../../../lib/sdk"

const PAGE_SIZE = 20

/** House accounts: every account with its customers, limit, balance, available credit, status and last payment. */
const HouseAccountsPage = () => {
  const navigate = useNavigate()
  const qc = useQueryClient()
  const [pageIndex, setPageIndex] = useState(0)
  const [search, setSearch] = useState("")
  const [q, setQ] = useState("")
  const [status, setStatus] = useState<HouseAccountStatus | "all">("all")
  const [withBalance, setWithBalance] = useState(false)
  const [overLimit, setOverLimit] = useState(false)
  const [createOpen, setCreateOpen] = useState(false)

  useEffect(() => {
    const t = setTimeout(() => {
      setQ(search.trim())
      setPageIndex(0)
    }, 300)
    return () => clearTimeout(t)
  }, [search])

  const params = {
    q: q || undefined,
    status: status === "all" ? undefined : [status],
    with_balance: withBalance,
    over_limit: overLimit,
    limit: PAGE_SIZE,
    offset: pageIndex * PAGE_SIZE,
  }
  const list = useQuery({
    queryKey: houseAccountKeys.list(params),
    queryFn: () => houseAccountsApi.list(params),
    placeholderData: keepPreviousData,
  })
  const accounts = list.data?.house_accounts ?? []

  return (
    <Container className="divide-y p-0">
      <div className="flex flex-wrap items-center justify-between gap-4 px-6 py-4">
        <div>
          <Heading level="h1">House accounts</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Trusted customers buy now and pay later on account, up to a credit limit.
          </Text>
        </div>
        <Button size="small" onClick={() => setCreateOpen(true)}>
          <Plus />
          New house account
        </Button>
      </div>
      <div className="flex flex-wrap items-center gap-4 px-6 py-3">
        <div className="w-64">
          <Input
            type="search"
            size="small"
            placeholder="Account number or name"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            aria-label="Search house accounts"
          />
        </div>
        <Select
          size="small"
          value={status}
          onValueChange={(v) => {
            setStatus(v as HouseAccountStatus | "all")
            setPageIndex(0)
          }}
        >
          <Select.Trigger className="w-40" aria-label="Status">
            <Select.Value />
          </Select.Trigger>
          <Select.Content>
            <Select.Item value="all">All statuses</Select.Item>
            <Select.Item value="active">Active</Select.Item>
            <Select.Item value="on_hold">On hold</Select.Item>
            <Select.Item value="closed">Closed</Select.Item>
          </Select.Content>
        </Select>
        <div className="flex items-center gap-x-2">
          <Checkbox
            id="cbo-hacc-with-balance"
            checked={withBalance}
            onCheckedChange={(v) => {
              setWithBalance(v === true)
              setPageIndex(0)
            }}
          />
          <Label htmlFor="cbo-hacc-with-balance" size="small">
            With a balance owed
          </Label>
        </div>
        <div className="flex items-center gap-x-2">
          <Checkbox
            id="cbo-hacc-over-limit"
            checked={overLimit}
            onCheckedChange={(v) => {
              setOverLimit(v === true)
              setPageIndex(0)
            }}
          />
          <Label htmlFor="cbo-hacc-over-limit" size="small">
            Over the limit
          </Label>
        </div>
      </div>
      {list.isError && (
        <Text size="small" className="text-ui-fg-error px-6 py-3" role="alert">
          {errorMessage(list.error)}
        </Text>
      )}
      <div className="overflow-x-auto">
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Account</Table.HeaderCell>
              <Table.HeaderCell>Customers</Table.HeaderCell>
              <Table.HeaderCell>Status</Table.HeaderCell>
              <Table.HeaderCell className="text-right">Credit limit</Table.HeaderCell>
              <Table.HeaderCell className="text-right">Balance</Table.HeaderCell>
              <Table.HeaderCell className="text-right">Available credit</Table.HeaderCell>
              <Table.HeaderCell>Last payment</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {accounts.map((a) => (
              <Table.Row
                key={a.id}
                className="cursor-pointer"
                onClick={() => navigate(`/backoffice/house-accounts/${a.id}`)}
              >
                <Table.Cell>
                  <div className="flex flex-col">
                    <Text size="small" weight="plus">
                      {a.account_number}
                    </Text>
                    <Text size="small" className="text-ui-fg-subtle">
                      {a.name}
                    </Text>
                  </div>
                </Table.Cell>
                <Table.Cell>{a.customer_ids.length}</Table.Cell>
                <Table.Cell>
                  <Badge size="2xsmall" color={STATUS_META[a.status].color}>
                    {STATUS_META[a.status].label}
                  </Badge>
                </Table.Cell>
                <Table.Cell className="text-right">{formatMinor(a.credit_limit, a.currency_code)}</Table.Cell>
                <Table.Cell className={`text-right ${a.balance > a.credit_limit ? "text-ui-fg-error" : ""}`}>
                  {formatMinor(a.balance, a.currency_code)}
                </Table.Cell>
                <Table.Cell className="text-right">{formatMinor(a.available_credit, a.currency_code)}</Table.Cell>
                <Table.Cell>{a.last_payment_at ? formatDate(a.last_payment_at) : "–"}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
        {!list.isLoading && !accounts.length && (
          <Text size="small" className="text-ui-fg-subtle px-6 py-4">
            No house accounts match.
          </Text>
        )}
      </div>
      <ListPagination
        count={list.data?.count ?? 0}
        pageSize={PAGE_SIZE}
        pageIndex={pageIndex}
        setPageIndex={setPageIndex}
      />
      <CreateAccountDrawer
        open={createOpen}
        onOpenChange={setCreateOpen}
        onCreated={(a) => {
          qc.invalidateQueries({ queryKey: houseAccountKeys.all })
          navigate(`/backoffice/house-accounts/${a.id}`)
        }}
      />
    </Container>
  )
}

export const config = defineRouteConfig({
  label: "House accounts",
  icon: CreditCard,
  nested: "/customers",
  // sidebar order under Customers (a number literal: the admin build reads it as written); see README
  rank: 4,
})

export default HouseAccountsPage
