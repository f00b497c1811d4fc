import { Button, Drawer, Input, Label, Select, Text, toast } from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useEffect, useState } from "react"
import {
  GENDER_LABELS,
  type ProfileView,
  customerRecordsApi,
  fieldMessages,
  profileKeys,
  toDateInput,
} from "../../lib/customer-records"
import { errorMessage } from "../../lib/sdk"

type Form = Record<string, string>

const NONE = "__none__"

function initialForm(view: ProfileView): Form {
  const p = view.profile
  const c = view.customer
  return {
    first_name: c.first_name ?? "",
    last_name: c.last_name ?? "",
    company_name: c.company_name ?? "",
    email: c.email ?? "",
    phone: p?.phone_original ?? c.phone ?? "",
    title: p?.title ?? "",
    gender: p?.gender ?? "",
    date_of_birth: toDateInput(p?.date_of_birth),
    anniversary: toDateInput(p?.anniversary),
    nationality: p?.nationality ?? "",
    customer_number: p?.customer_number ?? "",
    alt_phone: p?.alt_phone_original ?? p?.alt_phone ?? "",
    gate_code: p?.gate_code ?? "",
    referral_source_id: p?.referral_source_id ?? "",
  }
}

function Field({
  name,
  label,
  form,
  errors,
  onChange,
  type = "text",
  placeholder,
  hint,
}: {
  name: string
  label: string
  form: Form
  errors: Record<string, string>
  onChange: (name: string, value: string) => void
  type?: string
  placeholder?: string
  hint?: string
}) {
  return (
    <div className="flex flex-col gap-y-2">
      <Label htmlFor={`cbo-${name}`} size="small" weight="plus">
        {label}
      </Label>
      <Input
        id={`cbo-${name}`}
        type={type}
        value={form[name] ?? ""}
        placeholder={placeholder}
        aria-invalid={!!errors[name]}
        onChange={(e) => onChange(name, e.target.value)}
      />
      {errors[name] ? (
        <Text size="small" className="text-ui-fg-error">
          {errors[name]}
        </Text>
      ) : hint ? (
        <Text size="small" className="text-ui-fg-subtle">
          {hint}
        </Text>
      ) : null}
    </div>
  )
}

/** The "Edit profile" drawer: every profile field plus the core contact fields. */
export function ProfileEditDrawer({
  view,
  open,
  onOpenChange,
}: {
  view: ProfileView
  open: boolean
  onOpenChange: (open: boolean) => void
}) {
  const queryClient = useQueryClient()
  const [form, setForm] = useState<Form>(() => initialForm(view))
  const [errors, setErrors] = useState<Record<string, string>>({})
  const sources = useQuery({
    queryKey: profileKeys.referralSources,
    queryFn: customerRecordsApi.referralSources,
    enabled: open,
  })

  useEffect(() => {
    if (open) {
      setForm(initialForm(view))
      setErrors({})
    }
  }, [open, view])

  const save = useMutation({
    mutationFn: () => {
      const initial = initialForm(view)
      const body: Record<string, unknown> = {}
      for (const [k, v] of Object.entries(form)) {
        if (v !== initial[k]) body[k] = v === "" ? null : v
      }
      return customerRecordsApi.updateProfile(view.customer.id, body)
    },
    onSuccess: (data) => {
      queryClient.setQueryData(profileKeys.profile(view.customer.id), data)
      queryClient.invalidateQueries({ queryKey: ["customers"] })
      toast.success("Profile saved")
      onOpenChange(false)
    },
    onError: (err) => {
      const fields = fieldMessages(err)
      setErrors(fields)
      toast.error(Object.keys(fields).length ? "Please correct the highlighted fields" : errorMessage(err))
    },
  })

  const onChange = (name: string, value: string) => {
    setForm((f) => ({ ...f, [name]: value }))
    setErrors((e) => {
      const { [name]: _, ...rest } = e
      return rest
    })
  }
  const props = { form, errors, onChange }
  const activeSources = (sources.data?.referral_sources ?? []).filter(
    (s) => s.active || s.id === form.referral_source_id
  )

  return (
    <Drawer open={open} onOpenChange={onOpenChange}>
      <Drawer.Content>
        <Drawer.Header>
          <Drawer.Title>Edit customer profile</Drawer.Title>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-y-6 overflow-y-auto">
          <div className="grid grid-cols-2 gap-4">
            <Field name="title" label="Title" placeholder="Mr, Ms, Dr…" {...props} />
            <div className="flex flex-col gap-y-2">
              <Label size="small" weight="plus">
                Gender
              </Label>
              <Select
                value={form.gender || NONE}
                onValueChange={(v) => onChange("gender", v === NONE ? "" : v)}
              >
                <Select.Trigger>
                  <Select.Value placeholder="Not set" />
                </Select.Trigger>
                <Select.Content>
                  <Select.Item value={NONE}>Not set</Select.Item>
                  {Object.entries(GENDER_LABELS).map(([v, l]) => (
                    <Select.Item key={v} value={v}>
                      {l}
                    </Select.Item>
                  ))}
                </Select.Content>
              </Select>
              {errors.gender && (
                <Text size="small" className="text-ui-fg-error">
                  {errors.gender}
                </Text>
              )}
            </div>
            <Field name="first_name" label="First name" {...props} />
            <Field name="last_name" label="Last name" {...props} />
            <Field name="company_name" label="Company" {...props} />
            <Field name="customer_number" label="Customer ID number" hint="Your own reference; unique" {...props} />
          </div>
          <div className="grid grid-cols-1 gap-4">
            <Field name="email" label="Email" type="email" hint="Changing it clears the invalid-email flag" {...props} />
          </div>
          <div className="grid grid-cols-2 gap-4">
            <Field name="phone" label="Phone" placeholder="+1 415 555 2671" {...props} />
            <Field name="alt_phone" label="Alternate phone" {...props} />
            <Field name="date_of_birth" label="Date of birth" type="date" {...props} />
            <Field name="anniversary" label="Anniversary (first visit)" type="date" {...props} />
            <Field name="nationality" label="Nationality" placeholder="US, GB, FR…" hint="Two-letter country code" {...props} />
            <Field name="gate_code" label="Gate code" hint="For deliveries" {...props} />
          </div>
          <div className="flex flex-col gap-y-2">
            <Label size="small" weight="plus">
              How did you find us?
            </Label>
            <Select
              value={form.referral_source_id || NONE}
              onValueChange={(v) => onChange("referral_source_id", v === NONE ? "" : v)}
            >
              <Select.Trigger>
                <Select.Value placeholder="Not set" />
              </Select.Trigger>
              <Select.Content>
                <Select.Item value={NONE}>Not set</Select.Item>
                {activeSources.map((s) => (
                  <Select.Item key={s.id} value={s.id}>
                    {s.name}
                  </Select.Item>
                ))}
              </Select.Content>
            </Select>
            {errors.referral_source_id && (
              <Text size="small" className="text-ui-fg-error">
                {errors.referral_source_id}
              </Text>
            )}
          </div>
        </Drawer.Body>
        <Drawer.Footer>
          <Drawer.Close asChild>
            <Button variant="secondary" size="small">
              Cancel
            </Button>
          </Drawer.Close>
          <Button size="small" isLoading={save.isPending} onClick={() => save.mutate()}>
            Save
          </Button>
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}
