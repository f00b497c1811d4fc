import { Button, Drawer, Input, Label, RadioGroup, Switch, Text, Textarea } from "@medusajs/ui"
import { toast } from "../../lib/toast"
import { useMutation, useQuery } from "@tanstack/react-query"
import { useEffect, useState } from "react"
import { customerName, customersApi } from "../../lib/customers"
import { errorMessage } from "../../lib/sdk"
import { type RegisterBody, tradeApi } from "../../lib/trade-accounts"
import { parseDiscount, TermsFields, type TermsValue } from "./terms-fields"

export type PresetCustomer = { id: string; label: string; company_name: string | null }

type Form = TermsValue & {
  mode: "existing" | "new"
  customer: PresetCustomer | null
  email: string
  first_name: string
  last_name: string
  company_name: string
  company_number: string
  vat_number: string
  phone: string
  note: string
  approve: boolean
}

const empty = (preset: PresetCustomer | null): Form => ({
  mode: "existing",
  customer: preset,
  email: "",
  first_name: "",
  last_name: "",
  company_name: preset?.company_name ?? "",
  company_number: "",
  vat_number: "",
  phone: "",
  note: "",
  approve: false,
  price_list_id: "",
  discount_percent: "",
  free_delivery: false,
  account_code: "",
})

const Field = ({ id, label, value, onChange, placeholder }: {
  id: string
  label: string
  value: string
  onChange: (v: string) => void
  placeholder?: string
}) => (
  <div className="flex flex-col gap-y-1">
    <Label size="small" htmlFor={id}>{label}</Label>
    <Input id={id} value={value} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} />
  </div>
)

/** Existing customers matching a search, to pick the one to register. */
const CustomerPicker = ({ value, onChange }: { value: PresetCustomer | null; onChange: (c: PresetCustomer) => void }) => {
  const [q, setQ] = useState("")
  const found = useQuery({
    queryKey: ["cbo", "trade", "register-search", q],
    queryFn: () => customersApi.list({ q, limit: 6, offset: 0 }),
    enabled: q.trim().length >= 2,
  })
  return (
    <div className="flex flex-col gap-y-2">
      <Input
        type="search"
        size="small"
        aria-label="Find the customer"
        placeholder="Name, email, phone or customer ID"
        value={q}
        onChange={(e) => setQ(e.target.value)}
      />
      {value && (
        <Text size="small">
          Selected: <span className="font-medium">{value.label}</span>
        </Text>
      )}
      <div className="flex flex-col">
        {(found.data?.customers ?? []).map((c) => (
          <button
            type="button"
            key={c.id}
            className="hover:bg-ui-bg-base-hover rounded-md px-2 py-1 text-left"
            onClick={() => onChange({ id: c.id, label: `${customerName(c)} · ${c.email ?? "no email"}`, company_name: c.company_name })}
          >
            <Text size="small">{customerName(c)}</Text>
            <Text size="xsmall" className="text-ui-fg-subtle">{c.email ?? "No email"}</Text>
          </button>
        ))}
      </div>
    </div>
  )
}

/**
 * Staff register a customer as trade: an existing customer or a new one (an
 * In-Store customer, no login), as a Pending Approval applicant or — "Approve
 * now" — directly as an approved trade account with its terms.
 */
export const RegisterTradeDrawer = ({
  open,
  onOpenChange,
  preset = null,
  onDone,
}: {
  open: boolean
  onOpenChange: (open: boolean) => void
  preset?: PresetCustomer | null
  onDone: () => void
}) => {
  const [form, setForm] = useState<Form>(() => empty(preset))
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    if (open) {
      setForm(empty(preset))
      setError(null)
    }
  }, [open, preset?.id])
  const set = (patch: Partial<Form>) => setForm((f) => ({ ...f, ...patch }))
  const opt = (v: string) => v.trim() || null

  const submit = useMutation({
    mutationFn: () => {
      const f = form
      const who: Partial<RegisterBody> =
        f.mode === "existing"
          ? { customer_id: f.customer?.id }
          : { email: f.email.trim(), first_name: opt(f.first_name), last_name: opt(f.last_name) }
      if (f.mode === "existing" && !f.customer) throw new Error("Choose the customer to register")
      let terms = {}
      if (f.approve) {
        const d = parseDiscount(f.discount_percent)
        if (d.error) throw new Error(`Global discount: ${d.error}`)
        terms = {
          price_list_id: f.price_list_id || null,
          discount_percent: d.value,
          free_delivery: f.free_delivery,
          account_code: opt(f.account_code),
        }
      }
      return tradeApi.register({
        ...who,
        company_name: f.company_name,
        company_number: opt(f.company_number),
        vat_number: opt(f.vat_number),
        phone: opt(f.phone),
        note: opt(f.note),
        approve: f.approve,
        ...terms,
      })
    },
    onSuccess: ({ application }) => {
      toast.success(
        application.status === "approved"
          ? `${application.company_name} is a trade account`
          : `${application.company_name} is awaiting approval`
      )
      onDone()
      onOpenChange(false)
    },
    onError: (e) => setError(errorMessage(e)),
  })

  return (
    <Drawer open={open} onOpenChange={onOpenChange}>
      <Drawer.Content>
        <Drawer.Header>
          <Drawer.Title>Register trade customer</Drawer.Title>
          <Drawer.Description className="sr-only">Open a trade account for this customer</Drawer.Description>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-y-4 overflow-y-auto">
          {preset ? (
            <Text size="small">
              Customer: <span className="font-medium">{preset.label}</span>
            </Text>
          ) : (
            <>
              <RadioGroup
                className="flex gap-x-4"
                value={form.mode}
                onValueChange={(v) => set({ mode: v as Form["mode"] })}
              >
                <div className="flex items-center gap-x-2">
                  <RadioGroup.Item value="existing" id="cbo-reg-existing" />
                  <Label size="small" htmlFor="cbo-reg-existing">Existing customer</Label>
                </div>
                <div className="flex items-center gap-x-2">
                  <RadioGroup.Item value="new" id="cbo-reg-new" />
                  <Label size="small" htmlFor="cbo-reg-new">New customer</Label>
                </div>
              </RadioGroup>
              {form.mode === "existing" ? (
                <CustomerPicker
                  value={form.customer}
                  onChange={(c) => set({ customer: c, company_name: form.company_name || c.company_name || "" })}
                />
              ) : (
                <>
                  <Field id="cbo-reg-email" label="Email" value={form.email} onChange={(v) => set({ email: v })} />
                  <div className="grid grid-cols-2 gap-x-2">
                    <Field id="cbo-reg-first" label="First name" value={form.first_name} onChange={(v) => set({ first_name: v })} />
                    <Field id="cbo-reg-last" label="Last name" value={form.last_name} onChange={(v) => set({ last_name: v })} />
                  </div>
                  <Text size="xsmall" className="text-ui-fg-subtle">
                    Created as an In-Store customer. To order online they register on the website with this email.
                  </Text>
                </>
              )}
            </>
          )}
          <Field id="cbo-reg-company" label="Company" value={form.company_name} onChange={(v) => set({ company_name: v })} />
          <div className="grid grid-cols-2 gap-x-2">
            <Field id="cbo-reg-number" label="Company number" value={form.company_number} onChange={(v) => set({ company_number: v })} />
            <Field id="cbo-reg-vat" label="VAT number" value={form.vat_number} onChange={(v) => set({ vat_number: v })} />
          </div>
          <Field id="cbo-reg-phone" label="Phone" value={form.phone} onChange={(v) => set({ phone: v })} />
          <div className="flex flex-col gap-y-1">
            <Label size="small" htmlFor="cbo-reg-note">Note</Label>
            <Textarea id="cbo-reg-note" rows={2} value={form.note} onChange={(e) => set({ note: e.target.value })} />
          </div>
          <div className="flex items-center justify-between">
            <div>
              <Label size="small" htmlFor="cbo-reg-approve">Approve now</Label>
              <Text size="xsmall" className="text-ui-fg-subtle">
                {form.approve
                  ? "An active trade account with these terms at once; the customer is told it is approved."
                  : "Off: the customer waits in this queue as Pending Approval and cannot order until approved."}
              </Text>
            </div>
            <Switch id="cbo-reg-approve" checked={form.approve} onCheckedChange={(v) => set({ approve: v })} />
          </div>
          {form.approve && <TermsFields value={form} onChange={(t) => set(t)} />}
          {error && <Text size="small" className="text-ui-fg-error">{error}</Text>}
        </Drawer.Body>
        <Drawer.Footer>
          <Drawer.Close asChild>
            <Button variant="secondary" size="small">Cancel</Button>
          </Drawer.Close>
          <Button size="small" isLoading={submit.isPending} onClick={() => submit.mutate()}>
            {form.approve ? "Register and approve" : "Register as applicant"}
          </Button>
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}
