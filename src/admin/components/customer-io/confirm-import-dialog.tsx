import { Button, Checkbox, Label, Prompt, Text } from "@medusajs/ui"
import { useEffect, useState } from "react"
import type { ImportCounts } from "../../lib/customer-io"
import { formatNumber } from "../../lib/format"

const customers = (n: number) => `${formatNumber(n)} ${n === 1 ? "customer" : "customers"}`

/** "You are about to create N and update M customers", with the backup choice. */
export const ConfirmImportDialog = ({
  open,
  onOpenChange,
  counts,
  pending,
  onConfirm,
  creates = [],
}: {
  open: boolean
  onOpenChange: (open: boolean) => void
  counts: Partial<ImportCounts>
  pending: boolean
  onConfirm: (backup: boolean) => void
  /** New categories and choices confirming creates ("VIP (category)") */
  creates?: string[]
}) => {
  const n = counts.new ?? 0
  const m = counts.update ?? 0
  const [backup, setBackup] = useState(true)
  useEffect(() => {
    if (open) setBackup(true)
  }, [open])
  const skipped = (counts.invalid ?? 0) + (counts.excluded ?? 0)

  return (
    <Prompt open={open} onOpenChange={(o) => !pending && onOpenChange(o)}>
      <Prompt.Content>
        <Prompt.Header>
          <Prompt.Title>Import customers</Prompt.Title>
          <Prompt.Description>
            You are about to create {formatNumber(n)} and update {customers(m)}.
            {counts.unchanged
              ? ` ${customers(counts.unchanged)} ${counts.unchanged === 1 ? "is" : "are"} already up to date.`
              : ""}
            {skipped
              ? ` ${formatNumber(skipped)} invalid or excluded ${skipped === 1 ? "row is" : "rows are"} left out.`
              : ""}
            {creates.length ? ` It first creates ${creates.join(", ")}.` : ""}
          </Prompt.Description>
        </Prompt.Header>
        {m > 0 && (
          <div className="flex items-start gap-x-3 px-6 pt-4">
            <Checkbox
              id="cbo-import-backup"
              checked={backup}
              onCheckedChange={(v) => setBackup(v === true)}
              className="mt-0.5"
            />
            <div className="flex flex-col">
              <Label htmlFor="cbo-import-backup" size="small" weight="plus">
                Back up the {customers(m)} first
              </Label>
              <Text size="xsmall" className="text-ui-fg-subtle">
                Saves them as they are now (a CSV you can download from the results).
              </Text>
            </div>
          </div>
        )}
        <Prompt.Footer>
          <Button size="small" variant="secondary" onClick={() => onOpenChange(false)} disabled={pending}>
            Back
          </Button>
          <Button size="small" onClick={() => onConfirm(m > 0 && backup)} isLoading={pending} disabled={n + m === 0}>
            Import
          </Button>
        </Prompt.Footer>
      </Prompt.Content>
    </Prompt>
  )
}
