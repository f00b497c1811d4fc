import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminCustomer, DetailWidgetProps } from "@medusajs/framework/types"
import { Badge, Button, Container, Drawer, Heading, Input, Label, Select, Switch, Text } from "@medusajs/ui"
import { toast } from "../lib/toast"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useEffect, useState } from "react"
import { Link } from "react-router-dom"
import { parseDiscount, TermsFields, type TermsValue } from "../components/trade-accounts/terms-fields"
import { RegisterTradeDrawer } from "../components/trade-accounts/register-drawer"
import { PERMISSIONS, usePermissions } from "../lib/permissions"
import { errorMessage } from "../lib/sdk"
import { type TradeAccount, tradeApi, tradeKeys } from "../lib/trade-accounts"

type Form = TermsValue & {
  account_type: "retail" | "trade"
  company_name: string
  company_number: string
  vat_number: string
  active: boolean
}

const toForm = (a: TradeAccount): Form => ({
  account_type: a.account_type,
  company_name: a.company_name ?? "",
  company_number: a.company_number ?? "",
  vat_number: a.vat_number ?? "",
  active: a.active,
  price_list_id: a.price_list_id ?? "",
  discount_percent: a.discount_percent ? String(a.discount_percent) : "",
  free_delivery: a.free_delivery,
  account_code: a.account_code ?? "",
})

const Row = ({ label, children }: { label: string; children: React.ReactNode }) => (
  <div className="grid grid-cols-2 items-center px-6 py-3">
    <Text size="small" weight="plus" className="text-ui-fg-subtle">{label}</Text>
    <Text size="small">{children}</Text>
  </div>
)

/** The Account tab on the customer page: account type, terms, company details and Active. */
const CustomerTradeAccountWidget = ({ data: customer }: DetailWidgetProps<AdminCustomer>) => {
  const qc = useQueryClient()
  const [open, setOpen] = useState(false)
  const [form, setForm] = useState<Form | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [registering, setRegistering] = useState(false)
  const canRegister = usePermissions().can(PERMISSIONS.approveTradeAccount)
  const account = useQuery({
    queryKey: tradeKeys.account(customer.id),
    queryFn: () => tradeApi.account(customer.id),
  })
  const a = account.data?.account
  useEffect(() => {
    if (open && a) {
      setForm(toForm(a))
      setError(null)
    }
  }, [open, a])

  const save = useMutation({
    mutationFn: () => {
      const f = form!
      const d = parseDiscount(f.discount_percent)
      if (d.error) throw new Error(`Global discount: ${d.error}`)
      return tradeApi.updateAccount(customer.id, {
        account_type: f.account_type,
        company_name: f.company_name,
        company_number: f.company_number,
        vat_number: f.vat_number,
        price_list_id: f.price_list_id || null,
        discount_percent: d.value,
        free_delivery: f.free_delivery,
        account_code: f.account_code,
        // a pending applicant is activated by approving its application
        ...(a?.pending_application_id ? {} : { active: f.active }),
      })
    },
    onSuccess: () => {
      toast.success("Account saved")
      qc.invalidateQueries({ queryKey: tradeKeys.all })
      qc.invalidateQueries({ queryKey: ["cbo", "customer", customer.id, "timeline"] })
      setOpen(false)
    },
    onError: (e) => setError(errorMessage(e)),
  })

  return (
    <Container className="divide-y p-0" data-testid="cbo-trade-account">
      <div className="flex items-center justify-between px-6 py-4">
        <div className="flex items-center gap-x-2">
          <Heading level="h2">Account</Heading>
          {a?.pending_application_id ? (
            <Badge size="2xsmall" color="orange">Pending Approval</Badge>
          ) : a && !a.active ? (
            <Badge size="2xsmall" color="red">Inactive</Badge>
          ) : null}
        </div>
        <div className="flex items-center gap-x-2">
          {a && canRegister && !a.pending_application_id && !(a.account_type === "trade" && a.active) && (
            <Button size="small" variant="secondary" onClick={() => setRegistering(true)}>
              Register as trade
            </Button>
          )}
          <Button size="small" variant="secondary" disabled={!a} onClick={() => setOpen(true)}>
            Edit
          </Button>
        </div>
      </div>
      {account.isError && <Text className="text-ui-fg-error px-6 py-4">{errorMessage(account.error)}</Text>}
      {a && (
        <>
          {a.pending_application_id && (
            <div className="px-6 py-3">
              <Text size="small">
                Awaiting approval —{" "}
                <Link to="/backoffice/trade-applications" className="text-ui-fg-interactive">
                  review the application
                </Link>
              </Text>
            </div>
          )}
          <Row label="Account type">{a.account_type === "trade" ? "Trade" : "Retail"}</Row>
          <Row label="Account code">{a.account_code ?? "–"}</Row>
          <Row label="Price list">{a.price_list?.title ?? "–"}</Row>
          <Row label="Free delivery">{a.free_delivery ? "Yes" : "No"}</Row>
          <Row label="Global discount">{a.discount_percent ? `${a.discount_percent} %` : "–"}</Row>
          <Row label="Company">{a.company_name ?? "–"}</Row>
          <Row label="Company number">{a.company_number ?? "–"}</Row>
          <Row label="VAT number">{a.vat_number ?? "–"}</Row>
          <Row label="Active">{a.active ? "Yes" : "No — cannot sign in or order"}</Row>
        </>
      )}
      <RegisterTradeDrawer
        open={registering}
        onOpenChange={setRegistering}
        preset={{
          id: customer.id,
          label: [customer.first_name, customer.last_name].filter(Boolean).join(" ") || customer.email,
          company_name: a?.company_name ?? customer.company_name ?? null,
        }}
        onDone={() => {
          qc.invalidateQueries({ queryKey: tradeKeys.all })
          qc.invalidateQueries({ queryKey: ["cbo", "customer", customer.id, "timeline"] })
        }}
      />
      <Drawer open={open} onOpenChange={setOpen}>
        <Drawer.Content>
          <Drawer.Header>
            <Drawer.Title>Edit account</Drawer.Title>
            <Drawer.Description className="sr-only">The trade account's terms</Drawer.Description>
          </Drawer.Header>
          {form && (
            <Drawer.Body className="flex flex-col gap-y-4 overflow-y-auto">
              <div className="flex flex-col gap-y-1">
                <Label size="small">Account type</Label>
                <Select
                  value={form.account_type}
                  onValueChange={(v) => setForm({ ...form, account_type: v as Form["account_type"] })}
                >
                  <Select.Trigger>
                    <Select.Value />
                  </Select.Trigger>
                  <Select.Content>
                    <Select.Item value="retail">Retail</Select.Item>
                    <Select.Item value="trade">Trade</Select.Item>
                  </Select.Content>
                </Select>
              </div>
              {(["company_name", "company_number", "vat_number"] as const).map((k) => (
                <div key={k} className="flex flex-col gap-y-1">
                  <Label size="small" htmlFor={`cbo-acc-${k}`}>
                    {k === "company_name" ? "Company" : k === "company_number" ? "Company number" : "VAT number"}
                  </Label>
                  <Input
                    id={`cbo-acc-${k}`}
                    value={form[k]}
                    onChange={(e) => setForm({ ...form, [k]: e.target.value })}
                  />
                </div>
              ))}
              <TermsFields value={form} onChange={(t) => setForm({ ...form, ...t })} />
              <div className="flex items-center justify-between">
                <div>
                  <Label size="small" htmlFor="cbo-acc-active">Active</Label>
                  <Text size="xsmall" className="text-ui-fg-subtle">
                    {a?.pending_application_id
                      ? "Approve the pending application to activate this account."
                      : "When off, the customer cannot sign in, use the account or order."}
                  </Text>
                </div>
                <Switch
                  id="cbo-acc-active"
                  checked={form.active}
                  disabled={!!a?.pending_application_id}
                  onCheckedChange={(v) => setForm({ ...form, active: v })}
                />
              </div>
              {error && <Text size="small" className="text-ui-fg-error">{error}</Text>}
            </Drawer.Body>
          )}
          <Drawer.Footer>
            <Drawer.Close asChild>
              <Button variant="secondary" size="small">Cancel</Button>
            </Drawer.Close>
            <Button size="small" isLoading={save.isPending} onClick={() => save.mutate()}>
              Save
            </Button>
          </Drawer.Footer>
        </Drawer.Content>
      </Drawer>
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "customer.details.side",
  id: "customer-backoffice-trade-account",
})

export default CustomerTradeAccountWidget
