import { Badge, Button, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { CONFIDENCE_META, type DuplicateGroup } from "../../lib/duplicates"
import { formatPhone } from "../../lib/format"

type Member = DuplicateGroup["customers"][number]
const name = (c: Member) => [c.first_name, c.last_name].filter(Boolean).join(" ") || c.email || c.id

/** The pairs of a group to dismiss for "Not a duplicate": the whole pair, or every pair of one member. */
export type Dismissal = { group: DuplicateGroup; member?: string; pairs: [string, string][] }

/**
 * One group of possible duplicates: its customers (links), score, confidence,
 * reasons, "Not a duplicate" and Merge. A group of three or more (connected
 * likely pairs) lists which customers were paired and why, and each member
 * can be taken out of it ("Not this one": none of its pairs in the group
 * comes back until its data changes).
 */
export const DuplicateGroupRow = ({
  group,
  onDismiss,
  dismissing,
  currentCustomerId,
  onMerge,
}: {
  group: DuplicateGroup
  onDismiss: (d: Dismissal) => void
  /** Opens the merge preview (into the current customer, or the first of the group). */
  onMerge?: (g: DuplicateGroup) => void
  /** The member being taken out ("" = the whole pair), or null. */
  dismissing: string | null
  currentCustomerId?: string
}) => {
  const meta = CONFIDENCE_META[group.confidence]
  const byId = new Map(group.customers.map((c) => [c.id, c]))
  const many = group.customer_ids.length > 2
  const shown = currentCustomerId ? group.customers.filter((c) => c.id !== currentCustomerId) : group.customers
  const pairsOf = (id: string) =>
    (group.pairs ?? []).filter((p) => p.customer_ids.includes(id)).map((p) => p.customer_ids)
  const label = (id: string) => (byId.get(id) ? name(byId.get(id)!) : id)
  return (
    <div className="flex flex-col gap-y-2 px-6 py-4" data-testid="duplicate-group">
      <div className="flex items-start justify-between gap-x-4">
        <div className="flex min-w-0 flex-col gap-y-1">
          {many && (
            <Text size="xsmall" className="text-ui-fg-muted">
              {group.customer_ids.length} customers
            </Text>
          )}
          {shown.map((c) => (
            <div key={c.id} className="flex flex-wrap items-baseline gap-x-2">
              <Link
                to={`/customers/${c.id}`}
                className="text-ui-fg-interactive txt-compact-small-plus whitespace-nowrap hover:underline"
              >
                {name(c)}
              </Link>
              <Text size="small" className="text-ui-fg-subtle">
                {[c.email, c.phone && formatPhone(c.phone), c.has_account ? "registered" : "guest"].filter(Boolean).join(" · ")}
              </Text>
              {many && (
                <Button
                  size="small"
                  variant="transparent"
                  className="txt-compact-xsmall text-ui-fg-muted h-5 shrink-0 whitespace-nowrap px-1"
                  isLoading={dismissing === c.id}
                  onClick={() => onDismiss({ group, member: c.id, pairs: pairsOf(c.id) })}
                >
                  Not this one
                </Button>
              )}
            </div>
          ))}
        </div>
        <div className="flex shrink-0 items-center gap-x-2">
          <Badge size="2xsmall" color={meta.color}>{meta.label}</Badge>
          <Text size="small" className="text-ui-fg-subtle tabular-nums">
            {Math.round(group.score * 100)}%
          </Text>
          {!many && (
            <Button
              size="small"
              variant="secondary"
              isLoading={dismissing === ""}
              onClick={() => onDismiss({ group, pairs: [[group.customer_ids[0], group.customer_ids[1]]] })}
            >
              Not a duplicate
            </Button>
          )}
          {onMerge && (
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
      {many && (
        <div className="flex flex-col gap-y-0.5">
          {(group.pairs ?? []).map((p) => (
            <Text key={p.customer_ids.join("-")} size="xsmall" className="text-ui-fg-subtle">
              {label(p.customer_ids[0])} ↔ {label(p.customer_ids[1])}: {p.reasons.map((r) => r.label).join(", ")} ·{" "}
              {Math.round(p.score * 100)}%
            </Text>
          ))}
        </div>
      )}
    </div>
  )
}
