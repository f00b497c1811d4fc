import { Button, Label, Prompt, Select, Text } from "@medusajs/ui"
import { useEffect, useState } from "react"

export type BulkPickOption = { value: string; label: string }

/**
 * A small dialog for a bulk action on the selected customers: pick one value
 * (a category, a store) and confirm.
 */
export const BulkPickDialog = ({
  open,
  onOpenChange,
  title,
  description,
  label,
  placeholder,
  options,
  emptyText,
  confirmText,
  pending,
  onConfirm,
}: {
  open: boolean
  onOpenChange: (open: boolean) => void
  title: string
  description: string
  label: string
  placeholder: string
  options: BulkPickOption[]
  emptyText: string
  confirmText: string
  pending: boolean
  onConfirm: (value: string) => void
}) => {
  const [value, setValue] = useState("")
  useEffect(() => {
    if (open) setValue("")
  }, [open])
  const id = `cbo-bulk-${label.toLowerCase().replace(/\W+/g, "-")}`
  return (
    <Prompt open={open} onOpenChange={onOpenChange}>
      <Prompt.Content>
        <Prompt.Header>
          <Prompt.Title>{title}</Prompt.Title>
          <Prompt.Description>{description}</Prompt.Description>
        </Prompt.Header>
        <div className="flex flex-col gap-y-2 px-6 pt-4">
          <Label size="small" weight="plus" htmlFor={id}>
            {label}
          </Label>
          {options.length ? (
            <Select value={value} onValueChange={setValue}>
              <Select.Trigger id={id}>
                <Select.Value placeholder={placeholder} />
              </Select.Trigger>
              <Select.Content className="z-[100]">
                {options.map((o) => (
                  <Select.Item key={o.value} value={o.value}>
                    {o.label}
                  </Select.Item>
                ))}
              </Select.Content>
            </Select>
          ) : (
            <Text size="small" className="text-ui-fg-muted">
              {emptyText}
            </Text>
          )}
        </div>
        <Prompt.Footer>
          <Button size="small" variant="secondary" onClick={() => onOpenChange(false)} disabled={pending}>
            Cancel
          </Button>
          <Button size="small" onClick={() => onConfirm(value)} disabled={!value} isLoading={pending}>
            {confirmText}
          </Button>
        </Prompt.Footer>
      </Prompt.Content>
    </Prompt>
  )
}
