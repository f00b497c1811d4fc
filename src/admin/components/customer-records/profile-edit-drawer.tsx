import { Button, Drawer, Input, Label, Select, Text } from "@medusajs/ui"
import { toast } from "../../lib/toast"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useEffect, useState } from "react"
import { PROFILE_FIELDS, type ProfileFieldDescriptor } from "../../../lib/profile-fields/fields"
import {
  type ProfileView,
  customerRecordsApi,
  fieldMessages,
  profileKeys,
  toDateInput,
} from "../../lib/customer-records"
import { errorMessage } from "../../lib/sdk"
import { CountryPicker } from "../country-picker"

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
    ...Object.fromEntries(
      PROFILE_FIELDS.map((f) => {
        const v = (p as Record<string, string | null> | null)?.[f.key] ?? null
        return [f.key, f.kind === "date" ? toDateInput(v) : (v ?? "")]
      })
    ),
    alt_phone: p?.alt_phone_original ?? p?.alt_phone ?? "",
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

/** The props of a field drawn from its descriptor. */
type FieldProps = {
  field: ProfileFieldDescriptor
  form: Form
  errors: Record<string, string>
  onChange: (name: string, value: string) => void
}

/** A select of a choice field (src/lib/profile-fields), "Not set" first. */
function ChoiceField({
  field,
  form,
  errors,
  onChange,
}: FieldProps) {
  return (
    <div className="flex flex-col gap-y-2">
      <Label size="small" weight="plus">
        {field.label}
      </Label>
      <Select value={form[field.key] || NONE} onValueChange={(v) => onChange(field.key, v === NONE ? "" : v)}>
        <Select.Trigger>
          <Select.Value placeholder="Not set" />
        </Select.Trigger>
        <Select.Content>
          <Select.Item value={NONE}>Not set</Select.Item>
          {(field.options ?? []).map((v) => (
            <Select.Item key={v} value={v}>
              {field.optionLabels?.[v] ?? v}
            </Select.Item>
          ))}
        </Select.Content>
      </Select>
      {errors[field.key] && (
        <Text size="small" className="text-ui-fg-error">
          {errors[field.key]}
        </Text>
      )}
    </div>
  )
}

/** A country field (nationality): searchable by name or code. */
function CountryField({
  field,
  form,
  errors,
  onChange,
}: FieldProps) {
  return (
    <div className="flex flex-col gap-y-2">
      <Label htmlFor={`cbo-${field.key}`} size="small" weight="plus">
        {field.label}
      </Label>
      <CountryPicker
        id={`cbo-${field.key}`}
        value={form[field.key] ?? ""}
        onChange={(code) => onChange(field.key, code)}
        invalid={!!errors[field.key]}
      />
      {errors[field.key] && (
        <Text size="small" className="text-ui-fg-error">
          {errors[field.key]}
        </Text>
      )}
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
          <Drawer.Description className="sr-only">The customer's extended profile fields</Drawer.Description>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-y-6 overflow-y-auto">
          <div className="grid grid-cols-2 gap-4">
            <Field name="first_name" label="First name" {...props} />
            <Field name="last_name" label="Last name" {...props} />
            <Field name="company_name" label="Company" {...props} />
            <Field name="phone" label="Phone" placeholder="+1 415 555 2671" {...props} />
          </div>
          <div className="grid grid-cols-1 gap-4">
            <Field name="email" label="Email" type="email" hint="Changing it clears the invalid-email flag" {...props} />
          </div>
          <div className="grid grid-cols-2 gap-4">
            <Field name="alt_phone" label="Alternate phone" {...props} />
            {PROFILE_FIELDS.map((f) =>
              f.kind === "choice" ? (
                <ChoiceField key={f.key} field={f} {...props} />
              ) : f.kind === "country" ? (
                <CountryField key={f.key} field={f} {...props} />
              ) : (
                <Field
                  key={f.key}
                  name={f.key}
                  label={f.label}
                  type={f.kind === "date" ? "date" : "text"}
                  placeholder={f.admin?.placeholder}
                  hint={f.admin?.hint}
                  {...props}
                />
              )
            )}
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
