import { Badge, Button, Checkbox, Container, Drawer, Heading, Input, Label, Table, Text } from "@medusajs/ui"
import { toast } from "../../lib/toast"
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useState } from "react"
import { ListPagination } from "../list-pagination"
import { formatDate, formatDateTime } from "../../lib/format"
import { downloadFile } from "../../lib/customer-io"
import { formatMinor, houseAccountKeys, houseAccountsApi, type HouseAccountJSON } from "../../lib/house-accounts"
import { errorMessage } from "../../lib/sdk"

const PAGE_SIZE = 10

/** The last full calendar month (UTC) as YYYY-MM-DD bounds. */
function lastMonth() {
  const now = new Date()
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1))
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0))
  return { from: start.toISOString().slice(0, 10), to: end.toISOString().slice(0, 10) }
}

const GenerateDrawer = ({
  account,
  open,
  onOpenChange,
  onDone,
}: {
  account: HouseAccountJSON
  open: boolean
  onOpenChange: (o: boolean) => void
  onDone: () => void
}) => {
  const initial = lastMonth()
  const [from, setFrom] = useState(initial.from)
  const [to, setTo] = useState(initial.to)
  const [email, setEmail] = useState(false)
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to) && from <= to
  const generate = useMutation({
    mutationFn: () => houseAccountsApi.generateStatement(account.id, { from, to, email }),
    onSuccess: (r) => {
      const sent = r.statement.emailed_to?.length
      toast.success(sent ? `Statement generated and e-mailed to ${sent} customer(s)` : "Statement generated")
      onDone()
      onOpenChange(false)
    },
    onError: (e) => toast.error(errorMessage(e)),
  })
  return (
    <Drawer open={open} onOpenChange={onOpenChange}>
      <Drawer.Content>
        <Drawer.Header>
          <Drawer.Title>Generate statement</Drawer.Title>
          <Drawer.Description className="sr-only">Choose the statement period</Drawer.Description>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-y-4">
          <Text size="small" className="text-ui-fg-subtle">
            Opening balance, every entry of the period and the closing balance, as PDF and CSV. The files are kept
            privately and can be downloaded here; customers see them in their account.
          </Text>
          <div className="flex flex-col gap-y-1">
            <Label htmlFor="cbo-stm-from" size="small">
              From
            </Label>
            <Input id="cbo-stm-from" type="date" size="small" value={from} onChange={(e) => setFrom(e.target.value)} />
          </div>
          <div className="flex flex-col gap-y-1">
            <Label htmlFor="cbo-stm-to" size="small">
              To (inclusive)
            </Label>
            <Input id="cbo-stm-to" type="date" size="small" value={to} onChange={(e) => setTo(e.target.value)} />
          </div>
          <div className="flex items-center gap-x-2">
            <Checkbox id="cbo-stm-email" checked={email} onCheckedChange={(v) => setEmail(v === true)} />
            <Label htmlFor="cbo-stm-email" size="small">
              E-mail it to the account's {account.customer_ids.length} customer(s)
            </Label>
          </div>
          {!valid && (
            <Text size="small" className="text-ui-fg-error">
              Choose a start date on or before the end date.
            </Text>
          )}
        </Drawer.Body>
        <Drawer.Footer>
          <Drawer.Close asChild>
            <Button size="small" variant="secondary">
              Cancel
            </Button>
          </Drawer.Close>
          <Button size="small" disabled={!valid} isLoading={generate.isPending} onClick={() => generate.mutate()}>
            Generate
          </Button>
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}

/** The account's statements: list, generate (optionally e-mail), download PDF or CSV. */
export const AccountStatements = ({ account }: { account: HouseAccountJSON }) => {
  const qc = useQueryClient()
  const [pageIndex, setPageIndex] = useState(0)
  const [open, setOpen] = useState(false)
  const params = { limit: PAGE_SIZE, offset: pageIndex * PAGE_SIZE }
  const list = useQuery({
    queryKey: houseAccountKeys.statements(account.id, params),
    queryFn: () => houseAccountsApi.statements(account.id, params),
    placeholderData: keepPreviousData,
  })
  const money = (v: number) => formatMinor(v, account.currency_code)
  const download = (statementId: string, format: "pdf" | "csv") =>
    downloadFile(houseAccountsApi.statementFile(account.id, statementId, format), `statement.${format}`).catch((e) =>
      toast.error(errorMessage(e))
    )
  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading level="h2">Statements</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Sent on the 1st of each month for the month before; generate one for any period here.
          </Text>
        </div>
        <Button size="small" variant="secondary" onClick={() => setOpen(true)}>
          Generate statement
        </Button>
      </div>
      <div className="overflow-x-auto">
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Period</Table.HeaderCell>
              <Table.HeaderCell className="text-right">Opening</Table.HeaderCell>
              <Table.HeaderCell className="text-right">Charges</Table.HeaderCell>
              <Table.HeaderCell className="text-right">Payments and credits</Table.HeaderCell>
              <Table.HeaderCell className="text-right">Closing</Table.HeaderCell>
              <Table.HeaderCell className="text-right">Amount due</Table.HeaderCell>
              <Table.HeaderCell>Sent</Table.HeaderCell>
              <Table.HeaderCell className="text-right">Download</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {(list.data?.statements ?? []).map((s) => (
              <Table.Row key={s.id}>
                <Table.Cell>
                  {formatDate(s.period_start)} – {formatDate(s.period_end)}
                </Table.Cell>
                <Table.Cell className="text-right">{money(s.opening_balance)}</Table.Cell>
                <Table.Cell className="text-right">{money(s.charges)}</Table.Cell>
                <Table.Cell className="text-right">{money(s.credits)}</Table.Cell>
                <Table.Cell className="text-right">{money(s.closing_balance)}</Table.Cell>
                <Table.Cell className="text-right">
                  <Text size="small" weight="plus">
                    {money(s.amount_due)}
                  </Text>
                </Table.Cell>
                <Table.Cell>
                  {s.emailed_at ? (
                    <Badge size="2xsmall" color="green" title={(s.emailed_to ?? []).join(", ")}>
                      {formatDateTime(s.emailed_at)}
                    </Badge>
                  ) : (
                    <Text size="small" className="text-ui-fg-subtle">
                      {s.generated_by_type === "system" ? "Not sent (no address)" : "Not sent"}
                    </Text>
                  )}
                </Table.Cell>
                <Table.Cell className="text-right">
                  <div className="flex justify-end gap-x-2">
                    <Button size="small" variant="transparent" disabled={!s.has_pdf} onClick={() => download(s.id, "pdf")}>
                      PDF
                    </Button>
                    <Button size="small" variant="transparent" disabled={!s.has_csv} onClick={() => download(s.id, "csv")}>
                      CSV
                    </Button>
                  </div>
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
        {!list.isLoading && !list.data?.statements.length && (
          <Text size="small" className="text-ui-fg-subtle px-6 py-4">
            No statements yet.
          </Text>
        )}
      </div>
      <ListPagination count={list.data?.count ?? 0} pageSize={PAGE_SIZE} pageIndex={pageIndex} setPageIndex={setPageIndex} />
      {open && (
        <GenerateDrawer
          account={account}
          open={open}
          onOpenChange={setOpen}
          onDone={() => qc.invalidateQueries({ queryKey: houseAccountKeys.all })}
        />
      )}
    </Container>
  )
}
