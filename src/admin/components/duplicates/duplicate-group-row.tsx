import { Badge, Button, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { CONFIDENCE_META, type DuplicateGroup } from "../../lib/duplicates"
import { formatPhone } from "../../lib/format"

const name = (c: DuplicateGroup["customers"][number]) =>
  [c.first_name, c.last_name].filter(Boolean).join(" ") || c.email || c.id

/** One possible duplicate: both customers (links), score, confidence, reasons, "Not a duplicate". */
export const DuplicateGroupRow = ({
  group,
  onDismiss,
  dismissing,
  currentCustomerId,
  onMerge,
}: {
  group: DuplicateGroup
  onDismiss: (g: DuplicateGroup) => void
  /** Opens the merge preview (into the current customer, or the first of the pair). */
  onMerge?: (g: DuplicateGroup) => void
  dismissing: boolean
  currentCustomerId?: string
}) => {
  const meta = CONFIDENCE_META[group.confidence]
  const shown = currentCustomerId
    ? group.customers.filter((c) => c.id !== currentCustomerId)
    : group.customers
  return (
    <div className="flex flex-col gap-y-2 px-6 py-4">
      <div className="flex items-start justify-between gap-x-4">
        <div className="flex flex-col gap-y-1">
          {shown.map((c) => (
            <div key={c.id} className="flex items-baseline gap-x-2">
              <Link to={`/customers/${c.id}`} className="text-ui-fg-interactive txt-compact-small-plus hover:underline">
                {name(c)}
              </Link>
              <Text size="small" className="text-ui-fg-subtle">
                {[c.email, c.phone && formatPhone(c.phone), c.has_account ? "registered" : "guest"].filter(Boolean).join(" · ")}
              </Text>
            </div>
          ))}
        </div>
        <div className="flex shrink-0 items-center gap-x-2">
          <Badge size="2xsmall" color={meta.color}>{meta.label}</Badge>
          <Text size="small" className="text-ui-fg-subtle tabular-nums">
            {Math.round(group.score * 100)}%
          </Text>
          <Button size="small" variant="secondary" isLoading={dismissing} onClick={() => onDismiss(group)}>
            Not a duplicate
          </Button>
          {onMerge && group.customers.length === 2 && (
            <Button size="small" variant="secondary" onClick={() => onMerge(group)}>
              Merge
            </Button>
          )}
        </div>
      </div>
      <div className="flex flex-wrap gap-1">
        {group.reasons.map((r) => (
          <Badge key={r.code} size="2xsmall" color="grey">{r.label}</Badge>
        ))}
      </div>
    </div>
  )
}
