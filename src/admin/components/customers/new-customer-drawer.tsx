import { Plus } from "@medusajs/icons"
import { Button, Checkbox, Drawer, Input, Label, Switch, Text, Textarea, clx } from "@medusajs/ui"
import { toast } from "../../lib/toast"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import { useEffect, useState, type ReactNode } from "react"
import { useNavigate } from "react-router-dom"
import type { AdminCreateCustomerRequest } from "../../../types/customer-records"
import { fieldErrorsOf } from "../../lib/categories"
import { customerQueryKeys, customersApi } from "../../lib/customers"
import { errorMessage } from "../../lib/sdk"
import { CountryPicker } from "../country-picker"

type Option = { value: string; label: string }

const EMPTY = {
  first_name: "",
  last_name: "",
  company_name: "",
  email: "",
  phone: "",
  address_1: "",
  address_2: "",
  city: "",
  postal_code: "",
  province: "",
  country_code: "",
  note: "",
  new_category: "",
}
type Form = typeof EMPTY

const Field = ({
  id,
  label,
  error,
  hint,
  className,
  children,
}: {
  id: string
  label: string
  error?: string
  hint?: string
  className?: string
  children: ReactNode
}) => (
  <div className={clx("flex flex-col gap-y-2", className)}>
    <Label htmlFor={id} size="small" weight="plus">
      {label}
    </Label>
    {children}
    {error ? (
      <Text size="small" className="text-ui-fg-error">
        {error}
      </Text>
    ) : hint ? (
      <Text size="small" className="text-ui-fg-subtle">
        {hint}
      </Text>
    ) : null}
  </div>
)

/** A titled group of fields. */
const Section = ({ title, children }: { title: string; children: ReactNode }) => (
  <section className="flex flex-col gap-y-4">
    <Text size="small" weight="plus" className="text-ui-fg-base">
      {title}
    </Text>
    {children}
  </section>
)

/** Ticks for a list of options (stores, categories). */
const Checklist = ({
  name,
  options,
  checked,
  onChange,
}: {
  name: string
  options: Option[]
  checked: Set<string>
  onChange: (next: Set<string>) => void
}) => (
  <div className="flex max-h-40 flex-col gap-y-2 overflow-y-auto">
    {options.map((o) => (
      <div key={o.value} className="flex items-center gap-x-2">
        <Checkbox
          id={`cbo-new-${name}-${o.value}`}
          checked={checked.has(o.value)}
          onCheckedChange={(v) => {
            const next = new Set(checked)
            if (v === true) next.add(o.value)
            else next.delete(o.value)
            onChange(next)
          }}
        />
        <Label htmlFor={`cbo-new-${name}-${o.value}`} size="small">
          {o.label}
        </Label>
      </div>
    ))}
  </div>
)

/**
 * "+ New customer": name, contact, address, stores (all ticked), categories
 * (and a new one), marketing opt-out, a first note and loyalty enrolment,
 * saved in one request; the customer's page opens once it is created.
 */
export const NewCustomerDrawer = ({
  open,
  onOpenChange,
  storeOptions,
  categoryOptions,
}: {
  open: boolean
  onOpenChange: (open: boolean) => void
  storeOptions: Option[]
  categoryOptions: Option[]
}) => {
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const [form, setForm] = useState<Form>(EMPTY)
  const [stores, setStores] = useState<Set<string>>(new Set())
  const [categories, setCategories] = useState<Set<string>>(new Set())
  const [addingCategory, setAddingCategory] = useState(false)
  const [optOut, setOptOut] = useState(false)
  const [loyalty, setLoyalty] = useState(false)
  const [errors, setErrors] = useState<Record<string, string>>({})

  useEffect(() => {
    if (!open) return
    setForm(EMPTY)
    setStores(new Set(storeOptions.map((o) => o.value)))
    setCategories(new Set())
    setAddingCategory(false)
    setOptOut(false)
    setLoyalty(false)
    setErrors({})
    // the store list is read when the drawer opens; it does not reset a form being filled in
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open])

  const set = (key: keyof Form) => (value: string) => {
    setForm((f) => ({ ...f, [key]: value }))
    setErrors(({ [key]: _, [`address.${key}`]: __, ...rest }) => rest)
  }
  const input = (key: keyof Form, props: Record<string, unknown> = {}) => (
    <Input
      id={`cbo-new-${key}`}
      value={form[key]}
      aria-invalid={!!(errors[key] ?? errors[`address.${key}`]) || undefined}
      onChange={(e) => set(key)(e.target.value)}
      {...props}
    />
  )

  const body = (): AdminCreateCustomerRequest => {
    const address = {
      address_1: form.address_1,
      address_2: form.address_2,
      city: form.city,
      postal_code: form.postal_code,
      province: form.province,
      country_code: form.country_code,
    }
    const hasAddress = Object.values(address).some((v) => v.trim())
    return {
      first_name: form.first_name,
      last_name: form.last_name,
      company_name: form.company_name,
      email: form.email,
      phone: form.phone,
      ...(hasAddress ? { address } : {}),
      // every store ticked: let the server give every store (one created meanwhile too)
      stores: stores.size === storeOptions.length ? [] : [...stores],
      categories: [...categories],
      ...(addingCategory && form.new_category.trim() ? { new_category: form.new_category } : {}),
      marketing_opt_out: optOut,
      note: form.note,
      loyalty,
    }
  }

  const create = useMutation({
    mutationFn: () => customersApi.create(body()),
    onSuccess: ({ customer }) => {
      queryClient.invalidateQueries({ queryKey: customerQueryKeys.all })
      toast.success("Customer created")
      onOpenChange(false)
      navigate(`/customers/${customer.id}`)
    },
    onError: (error) => {
      const fields = fieldErrorsOf(error)
      setErrors(fields)
      toast.error(Object.keys(fields).length ? "Please correct the highlighted fields" : errorMessage(error))
    },
  })

  const noStore = storeOptions.length > 0 && stores.size === 0
  return (
    <Drawer open={open} onOpenChange={onOpenChange}>
      <Drawer.Content>
        <Drawer.Header>
          <Drawer.Title>New customer</Drawer.Title>
          <Drawer.Description className="sr-only">
            Create a customer with their contact details, address, stores, categories, marketing choice, a note and
            loyalty enrolment.
          </Drawer.Description>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-y-8 overflow-y-auto">
          <Section title="Customer">
            <div className="grid grid-cols-2 gap-4">
              <Field id="cbo-new-first_name" label="First name" error={errors.first_name}>
                {input("first_name", { autoFocus: true })}
              </Field>
              <Field id="cbo-new-last_name" label="Last name" error={errors.last_name}>
                {input("last_name")}
              </Field>
              <Field id="cbo-new-email" label="Email" error={errors.email} className="col-span-2">
                {input("email", { type: "email", placeholder: "name@example.com" })}
              </Field>
              <Field
                id="cbo-new-phone"
                label="Phone"
                error={errors.phone}
                hint="Without +: read as a number of your store's country"
              >
                {input("phone", { type: "tel" })}
              </Field>
              <Field id="cbo-new-company_name" label="Company" error={errors.company_name}>
                {input("company_name")}
              </Field>
            </div>
          </Section>

          <Section title="Address">
            <div className="grid grid-cols-2 gap-4">
              <Field id="cbo-new-address_1" label="Address" error={errors["address.address_1"]} className="col-span-2">
                {input("address_1")}
              </Field>
              <Field id="cbo-new-address_2" label="Apartment, suite…" error={errors["address.address_2"]} className="col-span-2">
                {input("address_2")}
              </Field>
              <Field id="cbo-new-postal_code" label="Postcode" error={errors["address.postal_code"]}>
                {input("postal_code")}
              </Field>
              <Field id="cbo-new-city" label="City" error={errors["address.city"]}>
                {input("city")}
              </Field>
              <Field id="cbo-new-province" label="State / county" error={errors["address.province"]}>
                {input("province")}
              </Field>
              <Field id="cbo-new-country_code" label="Country" error={errors["address.country_code"]}>
                <CountryPicker
                  id="cbo-new-country_code"
                  value={form.country_code}
                  onChange={set("country_code")}
                  invalid={!!errors["address.country_code"]}
                />
              </Field>
            </div>
          </Section>

          <Section title="Stores">
            <Checklist name="store" options={storeOptions} checked={stores} onChange={setStores} />
            {noStore ? (
              <Text size="small" className="text-ui-fg-subtle">
                No store ticked: the customer gets every store.
              </Text>
            ) : null}
            {errors.stores && (
              <Text size="small" className="text-ui-fg-error">
                {errors.stores}
              </Text>
            )}
          </Section>

          <Section title="Categories">
            {categoryOptions.length ? (
              <Checklist name="category" options={categoryOptions} checked={categories} onChange={setCategories} />
            ) : (
              <Text size="small" className="text-ui-fg-subtle">
                No categories yet.
              </Text>
            )}
            {addingCategory ? (
              <Field id="cbo-new-new_category" label="New category" error={errors.new_category}>
                {input("new_category", { placeholder: "e.g. Trade fair 2026", autoFocus: true })}
              </Field>
            ) : (
              <div>
                <Button size="small" variant="transparent" onClick={() => setAddingCategory(true)}>
                  <Plus />
                  Add new category
                </Button>
              </div>
            )}
          </Section>

          <Section title="Marketing and loyalty">
            <div className="flex items-start gap-x-3">
              <Switch id="cbo-new-optout" checked={optOut} onCheckedChange={setOptOut} />
              <div className="flex flex-col">
                <Label htmlFor="cbo-new-optout" size="small" weight="plus">
                  Opted out of marketing email
                </Label>
                <Text size="small" className="text-ui-fg-subtle">
                  Recorded in the consent history as an admin choice.
                </Text>
              </div>
            </div>
            <div className="flex items-start gap-x-3">
              <Switch id="cbo-new-loyalty" checked={loyalty} onCheckedChange={setLoyalty} />
              <div className="flex flex-col">
                <Label htmlFor="cbo-new-loyalty" size="small" weight="plus">
                  Enrol in loyalty
                </Label>
                <Text size="small" className="text-ui-fg-subtle">
                  Opens a points account with a card code.
                </Text>
              </div>
            </div>
          </Section>

          <Section title="Note">
            <Field id="cbo-new-note" label="First note" error={errors.note} hint="Only staff see notes">
              <Textarea
                id="cbo-new-note"
                rows={3}
                value={form.note}
                onChange={(e) => set("note")(e.target.value)}
              />
            </Field>
          </Section>
        </Drawer.Body>
        <Drawer.Footer>
          <Drawer.Close asChild>
            <Button variant="secondary" size="small">
              Cancel
            </Button>
          </Drawer.Close>
          <Button size="small" isLoading={create.isPending} onClick={() => create.mutate()}>
            Create customer
          </Button>
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}
