import { Badge, Button, Drawer, Heading, Input, Label, Table, Text } from "@medusajs/ui"
import { toast } from "../../lib/toast"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useEffect, useState, type ReactNode } from "react"
import { Link } from "react-router-dom"
import { formatDateTime } from "../../lib/format"
import { formatMinor } from "../../lib/house-accounts"
import { metricsApi, metricsKeys, TRANSACTION_STATUS_COLOR, type Receipt } from "../../lib/customer-metrics"
import { errorMessage } from "../../lib/sdk"

const Section = ({ title, children }: { title: string; children: ReactNode }) => (
  <section className="flex flex-col gap-y-2">
    <Heading level="h3">{title}</Heading>
    {children}
  </section>
)

const Row = ({ label, value, strong }: { label: ReactNode; value: string; strong?: boolean }) => (
  <div className="flex justify-between gap-x-4">
    <Text size="small" className={strong ? "" : "text-ui-fg-subtle"} weight={strong ? "plus" : "regular"}>
      {label}
    </Text>
    <Text size="small" className="tabular-nums" weight={strong ? "plus" : "regular"}>
      {value}
    </Text>
  </div>
)

const None = ({ children }: { children: ReactNode }) => (
  <Text size="small" className="text-ui-fg-muted">
    {children}
  </Text>
)

const ReceiptBody = ({ r }: { r: Receipt }) => {
  const m = (n: number) => formatMinor(n, r.currency_code)
  return (
    <div className="flex flex-col gap-y-6">
      <Section title="Items">
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Item</Table.HeaderCell>
              <Table.HeaderCell className="text-right">Qty</Table.HeaderCell>
              <Table.HeaderCell className="text-right">Price</Table.HeaderCell>
              <Table.HeaderCell className="text-right">Total</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {r.lines.map((l) => (
              <Table.Row key={l.id}>
                <Table.Cell>
                  <div className="flex flex-col py-1">
                    <span>{l.title}</span>
                    {(l.variant_title || l.sku) && (
                      <span className="text-ui-fg-muted txt-compact-xsmall">
                        {[l.variant_title, l.sku].filter(Boolean).join(" · ")}
                      </span>
                    )}
                  </div>
                </Table.Cell>
                <Table.Cell className="text-right tabular-nums">{l.quantity}</Table.Cell>
                <Table.Cell className="text-right tabular-nums">{m(l.unit_price)}</Table.Cell>
                <Table.Cell className="text-right tabular-nums">{m(l.total)}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </Section>
      <Section title="Summary">
        <Row label="Items" value={m(r.totals.item_subtotal)} />
        {r.shipping.map((s) => (
          <Row key={s.id} label={`Shipping: ${s.name}`} value={m(s.total)} />
        ))}
        {r.discounts.map((d) => (
          <Row key={d.code ?? "discount"} label={`Discount${d.code ? ` ${d.code}` : ""}`} value={`−${m(d.amount)}`} />
        ))}
        <Row label="Taxes" value={m(r.totals.tax_total)} />
        <Row label="Total" value={m(r.totals.total)} strong />
        <Row label="Net sales (after refunds)" value={m(r.totals.net_total)} />
      </Section>
      <Section title="Taxes">
        {r.taxes.length ? (
          r.taxes.map((t) => <Row key={`${t.code}-${t.rate}`} label={`${t.code ?? "Tax"}${t.rate !== null ? ` (${t.rate}%)` : ""}`} value={m(t.amount)} />)
        ) : (
          <None>No taxes</None>
        )}
      </Section>
      <Section title="Payments">
        {r.payments.length ? (
          r.payments.map((p) => (
            <Row
              key={p.id}
              label={`${p.provider_id.replace(/^pp_/, "")} · ${p.captured_at ? "captured" : p.canceled_at ? "canceled" : "authorized"} ${formatDateTime(p.captured_at ?? p.created_at)}`}
              value={m(p.amount)}
            />
          ))
        ) : (
          <None>No payment recorded</None>
        )}
        <Row label="Paid" value={m(r.totals.paid_total)} />
      </Section>
      <Section title="Refunds">
        {r.refunds.map((f) => (
          <Row key={f.id} label={`${formatDateTime(f.created_at)}${f.note ? ` · ${f.note}` : ""}`} value={`−${m(f.amount)}`} />
        ))}
        <Row label="Refunded" value={m(r.totals.refunded_total)} />
      </Section>
    </div>
  )
}

/** The receipt of one order: lines, shipping, discounts, taxes, payments, refunds; Send receipt. */
export const ReceiptDrawer = ({
  customerId,
  customerEmail,
  orderId,
  onClose,
}: {
  customerId: string
  customerEmail: string | null
  orderId: string | null
  onClose: () => void
}) => {
  const qc = useQueryClient()
  const [email, setEmail] = useState(customerEmail ?? "")
  useEffect(() => setEmail(customerEmail ?? ""), [orderId, customerEmail])
  const receipt = useQuery({
    queryKey: metricsKeys.receipt(customerId, orderId ?? ""),
    queryFn: () => metricsApi.receipt(customerId, orderId!),
    enabled: !!orderId,
  })
  const send = useMutation({
    mutationFn: () => metricsApi.sendReceipt(customerId, orderId!, email.trim() || undefined),
    onSuccess: (r) => {
      toast.success(`Receipt sent to ${r.to}`)
      qc.invalidateQueries({ queryKey: ["cbo", "customer", customerId, "timeline"] })
    },
    onError: (e) => toast.error(errorMessage(e)),
  })
  const r = receipt.data?.receipt
  return (
    <Drawer open={!!orderId} onOpenChange={(open) => !open && onClose()}>
      <Drawer.Content data-testid="cbo-receipt-drawer">
        <Drawer.Header>
          <Drawer.Title>{r ? `Receipt #${r.display_id}` : "Receipt"}</Drawer.Title>
          {r && (
            <Drawer.Description className="flex items-center gap-x-2">
              {formatDateTime(r.created_at)}
              <Badge size="2xsmall" color={TRANSACTION_STATUS_COLOR[r.status] ?? "grey"}>
                {r.status.replace(/_/g, " ")}
              </Badge>
            </Drawer.Description>
          )}
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-y-6 overflow-y-auto">
          {receipt.isPending && <None>Loading the receipt…</None>}
          {receipt.isError && (
            <Text size="small" className="text-ui-fg-error" role="alert">
              {errorMessage(receipt.error)}
            </Text>
          )}
          {r && <ReceiptBody r={r} />}
          {r && (
            <Link to={`/orders/${r.order_id}`} className="txt-compact-small-plus text-ui-fg-interactive hover:text-ui-fg-interactive-hover">
              Open the order in Medusa →
            </Link>
          )}
        </Drawer.Body>
        <Drawer.Footer className="flex flex-col items-stretch gap-y-2">
          <Label size="xsmall" htmlFor="cbo-receipt-email">
            Send the receipt to
          </Label>
          <div className="flex gap-x-2">
            <Input
              id="cbo-receipt-email"
              type="email"
              size="small"
              placeholder="customer@example.com"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
            <Button size="small" disabled={!r} isLoading={send.isPending} onClick={() => send.mutate()}>
              Send receipt
            </Button>
          </div>
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}
