import { Badge, Button, Container, Heading, Input, Label, Select, Table, Text, usePrompt } from "@medusajs/ui"
import { toast } from "../../../../lib/toast"
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useState } from "react"
import { useParams } from "react-router-dom"
import { AccountCustomers } from "../../../../components/house-accounts/account-customers"
import { AccountStatements } from "../../../../components/house-accounts/account-statements"
import { EntryDrawer } from "../../../../components/house-accounts/entry-drawer"
import { ListPagination } from "../../../../components/list-pagination"
import { formatDate, formatDateTime } from "../../../../lib/format"
import {
  KIND_META,
  STATUS_META,
  formatMinor,
  houseAccountKeys,
  houseAccountsApi,
  parseMajor,
  type HouseAccountJSON,
  type HouseAccountStatus,
  type HouseEntryKind,
} from "../../../../lib/house-accounts"
import { PERMISSIONS, usePermissions } from "../../../../lib/permissions"
import { errorMessage } from "../../../../lib/sdk"

const PAGE_SIZE = 20

const Summary = ({ account }: { account: HouseAccountJSON }) => {
  const money = (v: number) => formatMinor(v, account.currency_code)
  const items: [string, string][] = [
    ["Balance owed", money(account.balance)],
    ["Credit limit", money(account.credit_limit)],
    ["Available credit", money(account.available_credit)],
    ["Per-order maximum", account.order_limit === null ? "None" : money(account.order_limit)],
    ["Last payment", account.last_payment_at ? formatDate(account.last_payment_at) : "–"],
    ["Currency", account.currency_code.toUpperCase()],
  ]
  return (
    <div className="grid grid-cols-2 gap-4 px-6 py-4 md:grid-cols-3">
      {items.map(([k, v]) => (
        <div key={k}>
          <Text size="small" className="text-ui-fg-subtle">
            {k}
          </Text>
          <Text size="large" weight="plus" className={k === "Balance owed" && account.balance > account.credit_limit ? "text-ui-fg-error" : ""}>
            {v}
          </Text>
        </div>
      ))}
    </div>
  )
}

/** Change the credit limit and the per-order maximum. */
const LimitEditor = ({ account, onSaved }: { account: HouseAccountJSON; onSaved: () => void }) => {
  const digits = (v: number) => formatMinor(v, account.currency_code).replace(/[^\d.,-]/g, "").replace(/,/g, "")
  const [limit, setLimit] = useState(digits(account.credit_limit))
  const [orderLimit, setOrderLimit] = useState(account.order_limit === null ? "" : digits(account.order_limit))
  const limitMinor = parseMajor(limit, account.currency_code, { allowZero: true })
  const orderMinor = orderLimit.trim() === "" ? null : parseMajor(orderLimit, account.currency_code)
  const save = useMutation({
    mutationFn: () => houseAccountsApi.update(account.id, { credit_limit: limitMinor!, order_limit: orderMinor }),
    onSuccess: () => {
      toast.success("Limits saved")
      onSaved()
    },
    onError: (e) => toast.error(errorMessage(e)),
  })
  return (
    <div className="flex flex-wrap items-end gap-4 px-6 py-4">
      <div className="flex flex-col gap-y-1">
        <Label htmlFor="cbo-hacc-edit-limit" size="small">
          Credit limit
        </Label>
        <Input id="cbo-hacc-edit-limit" size="small" value={limit} onChange={(e) => setLimit(e.target.value)} />
      </div>
      <div className="flex flex-col gap-y-1">
        <Label htmlFor="cbo-hacc-edit-order-limit" size="small">
          Per-order maximum
        </Label>
        <Input
          id="cbo-hacc-edit-order-limit"
          size="small"
          placeholder="None"
          value={orderLimit}
          onChange={(e) => setOrderLimit(e.target.value)}
        />
      </div>
      <Button
        size="small"
        variant="secondary"
        disabled={limitMinor === null || (orderLimit.trim() !== "" && orderMinor === null)}
        isLoading={save.isPending}
        onClick={() => save.mutate()}
      >
        Save limits
      </Button>
    </div>
  )
}

/** One house account: summary, limits, status, ledger, payments and adjustments, customers. */
const HouseAccountPage = () => {
  const { id = "" } = useParams()
  const qc = useQueryClient()
  const prompt = usePrompt()
  const canMove = usePermissions().can(PERMISSIONS.adjustHouseAccount)
  const [drawer, setDrawer] = useState<"payment" | "adjustment" | null>(null)
  const [kind, setKind] = useState<HouseEntryKind | "all">("all")
  const [pageIndex, setPageIndex] = useState(0)

  const detail = useQuery({ queryKey: houseAccountKeys.detail(id), queryFn: () => houseAccountsApi.get(id) })
  const params = { kind: kind === "all" ? undefined : [kind], limit: PAGE_SIZE, offset: pageIndex * PAGE_SIZE }
  const entries = useQuery({
    queryKey: houseAccountKeys.entries(id, params),
    queryFn: () => houseAccountsApi.entries(id, params),
    placeholderData: keepPreviousData,
  })
  const refresh = () => qc.invalidateQueries({ queryKey: houseAccountKeys.all })

  const setStatus = useMutation({
    mutationFn: (status: HouseAccountStatus) => houseAccountsApi.update(id, { status }),
    onSuccess: (r) => {
      toast.success(`Account ${STATUS_META[r.house_account.status].label.toLowerCase()}`)
      refresh()
    },
    onError: (e) => toast.error(errorMessage(e)),
  })
  const changeStatus = async (status: HouseAccountStatus) => {
    if (status === "closed") {
      const ok = await prompt({
        title: "Close the account?",
        description: "A closed account cannot be charged. Payments and adjustments can still settle what it owes.",
        confirmText: "Close account",
        cancelText: "Cancel",
      })
      if (!ok) return
    }
    setStatus.mutate(status)
  }

  if (detail.isError) {
    return (
      <Container>
        <Text role="alert" className="text-ui-fg-error">
          {errorMessage(detail.error)}
        </Text>
      </Container>
    )
  }
  const account = detail.data?.house_account
  if (!account) return <Container>Loading…</Container>

  return (
    <div className="flex flex-col gap-y-3">
      <Container className="divide-y p-0">
        <div className="flex flex-wrap items-center justify-between gap-4 px-6 py-4">
          <div className="flex items-center gap-x-3">
            <Heading level="h1">{account.name}</Heading>
            <Text className="text-ui-fg-subtle">{account.account_number}</Text>
            <Badge size="2xsmall" color={STATUS_META[account.status].color}>
              {STATUS_META[account.status].label}
            </Badge>
          </div>
          <div className="flex flex-wrap items-center gap-2">
            <Button size="small" disabled={!canMove} onClick={() => setDrawer("payment")}>
              Record payment
            </Button>
            <Button size="small" variant="secondary" disabled={!canMove} onClick={() => setDrawer("adjustment")}>
              Adjust
            </Button>
            {account.status !== "active" && (
              <Button size="small" variant="secondary" onClick={() => changeStatus("active")}>
                Reactivate
              </Button>
            )}
            {account.status === "active" && (
              <Button size="small" variant="secondary" onClick={() => changeStatus("on_hold")}>
                Put on hold
              </Button>
            )}
            {account.status !== "closed" && (
              <Button size="small" variant="danger" onClick={() => changeStatus("closed")}>
                Close
              </Button>
            )}
          </div>
        </div>
        <Summary account={account} />
        <LimitEditor key={`${account.credit_limit}:${account.order_limit}`} account={account} onSaved={refresh} />
      </Container>

      <Container className="divide-y p-0">
        <div className="flex items-center justify-between px-6 py-4">
          <Heading level="h2">Ledger</Heading>
          <Select
            size="small"
            value={kind}
            onValueChange={(v) => {
              setKind(v as HouseEntryKind | "all")
              setPageIndex(0)
            }}
          >
            <Select.Trigger className="w-40" aria-label="Entry kind">
              <Select.Value />
            </Select.Trigger>
            <Select.Content>
              <Select.Item value="all">All entries</Select.Item>
              {(Object.keys(KIND_META) as HouseEntryKind[]).map((k) => (
                <Select.Item key={k} value={k}>
                  {KIND_META[k].label}
                </Select.Item>
              ))}
            </Select.Content>
          </Select>
        </div>
        <div className="overflow-x-auto">
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>When</Table.HeaderCell>
                <Table.HeaderCell>Kind</Table.HeaderCell>
                <Table.HeaderCell className="text-right">Amount</Table.HeaderCell>
                <Table.HeaderCell className="text-right">Balance after</Table.HeaderCell>
                <Table.HeaderCell>Reference / reason</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {(entries.data?.entries ?? []).map((e) => (
                <Table.Row key={e.id}>
                  <Table.Cell>{formatDateTime(e.created_at)}</Table.Cell>
                  <Table.Cell>
                    <Badge size="2xsmall" color={KIND_META[e.kind].color}>
                      {KIND_META[e.kind].label}
                      {e.method ? ` · ${e.method.replace("_", " ")}` : ""}
                    </Badge>
                  </Table.Cell>
                  <Table.Cell className="text-right">{formatMinor(e.amount, e.currency_code)}</Table.Cell>
                  <Table.Cell className="text-right">{formatMinor(e.balance_after, e.currency_code)}</Table.Cell>
                  <Table.Cell>
                    <Text size="small">{[e.reference, e.reason].filter(Boolean).join(" — ") || "–"}</Text>
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
          {!entries.isLoading && !entries.data?.entries.length && (
            <Text size="small" className="text-ui-fg-subtle px-6 py-4">
              No entries yet.
            </Text>
          )}
        </div>
        <ListPagination
          count={entries.data?.count ?? 0}
          pageSize={PAGE_SIZE}
          pageIndex={pageIndex}
          setPageIndex={setPageIndex}
        />
      </Container>

      <AccountStatements account={account} />

      <AccountCustomers account={account} onChanged={refresh} />

      {drawer && (
        <EntryDrawer
          account={account}
          mode={drawer}
          open={!!drawer}
          onOpenChange={(o) => !o && setDrawer(null)}
          onDone={refresh}
        />
      )}
    </div>
  )
}

export default HouseAccountPage
