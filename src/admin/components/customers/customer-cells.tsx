import { ArrowDownMini, ArrowUpMini, ChartBar, ChevronUpDown, EllipsisHorizontal, PencilSquare, TriangleDownMini } from "@medusajs/icons"
import { useNavigate } from "react-router-dom"
import { Avatar, Badge, Button, Checkbox, DropdownMenu, IconButton, Table, Text, Tooltip } from "@medusajs/ui"
import { formatDate, formatDateTime, formatRelative } from "../../lib/format"
import { usePhotoSrc } from "../../lib/customer-photo"
import {
  CUSTOMER_STATUS_META,
  type CustomerListItem,
  type CustomerStatus,
  customerInitials,
  customerName,
} from "../../lib/customers"

export const Dash = () => <span className="text-ui-fg-muted">–</span>

/** Avatar with initials, the customer's name and, under it, the company. */
export const CustomerNameCell = ({ customer }: { customer: CustomerListItem }) => (
  <div className="flex min-w-0 items-center gap-x-3">
    <CustomerAvatar customer={customer} />
    {/* a width of its own: a long company line must not widen the column (1280 px windows fit every column) */}
    <div className="cbo-list-name flex min-w-0 flex-col" title={customerName(customer)}>
      <Text size="small" leading="compact" weight="plus" className="truncate">
        {customerName(customer)}
      </Text>
      {/* under the name: the company and the customer ID number (one line, no column of their own) */}
      {((customer.company_name && (customer.first_name || customer.last_name)) || customer.customer_number) && (
        <Text size="xsmall" leading="compact" className="text-ui-fg-muted truncate">
          {[
            customer.first_name || customer.last_name ? customer.company_name : null,
            customer.customer_number ? `ID ${customer.customer_number}` : null,
          ]
            .filter(Boolean)
            .join(" · ")}
        </Text>
      )}
    </div>
  </div>
)

const CustomerAvatar = ({ customer }: { customer: CustomerListItem }) => {
  const src = usePhotoSrc(customer.photo_url)
  return <Avatar size="small" variant="rounded" src={src} fallback={customerInitials(customer)} />
}

/** The email (cut to the column, whole in a tooltip); when deliveries to it bounced, in red with the date under it. */
export const EmailCell = ({ customer }: { customer: CustomerListItem }) => {
  if (!customer.email) return <Dash />
  if (!customer.email_invalid_at) {
    return (
      <span className="cbo-list-email block truncate" title={customer.email}>
        {customer.email}
      </span>
    )
  }
  const at = customer.email_last_attempt_at ?? customer.email_invalid_at
  return (
    <Tooltip content={`Invalid email: messages to this address could not be delivered (last attempt ${formatDateTime(at)})`}>
      <div className="flex min-w-0 flex-col">
        <span className="cbo-list-email text-ui-fg-error block truncate">{customer.email}</span>
        <span className="txt-compact-xsmall text-ui-fg-error whitespace-nowrap">Invalid since {formatDate(at)}</span>
      </div>
    </Tooltip>
  )
}

export const CustomerStatusBadge = ({ status }: { status: CustomerStatus }) => {
  const meta = CUSTOMER_STATUS_META[status]
  return (
    <Badge size="2xsmall" color={meta.color} className="whitespace-nowrap">
      {meta.label}
    </Badge>
  )
}

/** The first category badge, then "+N" with the rest in a tooltip (one line). */
export const CategoryBadges = ({ categories }: { categories: { id: string; name: string }[] }) => {
  if (!categories.length) return <Dash />
  const shown = categories.slice(0, 1)
  const rest = categories.slice(1)
  return (
    <div className="flex items-center gap-1">
      {shown.map((c) => (
        <Badge key={c.id} size="2xsmall" className="max-w-[120px] truncate" title={c.name}>
          {c.name}
        </Badge>
      ))}
      {rest.length > 0 && (
        <Tooltip content={rest.map((c) => c.name).join(", ")}>
          <Badge size="2xsmall" color="grey">
            +{rest.length}
          </Badge>
        </Tooltip>
      )}
    </div>
  )
}

export const DateCell = ({ value, now }: { value: string | null; now: number }) => {
  if (!value) return <Dash />
  return (
    <Tooltip content={formatDateTime(value)}>
      <span className="txt-compact-small text-ui-fg-subtle whitespace-nowrap">
        {formatRelative(value, now)}
      </span>
    </Tooltip>
  )
}

/** "name" / "-name" */
export type OrderValue = string

/** A header cell that sorts by `sortKey` (click: ascending, again: descending). */
export const SortableHeader = ({
  label,
  sortKey,
  order,
  onOrder,
  className,
}: {
  label: string
  sortKey: string
  order: OrderValue
  onOrder: (order: OrderValue) => void
  className?: string
}) => {
  const active = order.replace(/^-/, "") === sortKey
  const desc = order.startsWith("-")
  const Icon = !active ? ChevronUpDown : desc ? ArrowDownMini : ArrowUpMini
  return (
    <Table.HeaderCell className={className}>
      <button
        type="button"
        className={`flex items-center gap-x-1 ${active ? "text-ui-fg-base" : ""} hover:text-ui-fg-base`}
        aria-sort={active ? (desc ? "descending" : "ascending") : "none"}
        onClick={() => onOrder(active && !desc ? `-${sortKey}` : sortKey)}
      >
        {label}
        <Icon className={active ? "text-ui-fg-base" : "text-ui-fg-muted"} />
      </button>
    </Table.HeaderCell>
  )
}

/** A filter button opening a checklist; shows how many values are picked. */
export function MultiSelectFilter<T extends string>({
  label,
  options,
  value,
  onChange,
  emptyText = "Nothing to filter by",
}: {
  label: string
  options: { value: T; label: string }[]
  value: T[]
  onChange: (value: T[]) => void
  emptyText?: string
}) {
  const picked = options.filter((o) => value.includes(o.value))
  const summary =
    picked.length === 0 ? "" : picked.length === 1 ? `: ${picked[0].label}` : `: ${picked.length} selected`
  return (
    <DropdownMenu>
      <DropdownMenu.Trigger asChild>
        <Button size="small" variant="secondary" className={picked.length ? "" : "text-ui-fg-subtle"}>
          {label}
          {summary}
          <TriangleDownMini className="text-ui-fg-muted" />
        </Button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Content align="start" className="max-h-[320px] min-w-[200px] overflow-y-auto">
        {options.length === 0 && (
          <div className="px-2 py-1.5">
            <Text size="small" className="text-ui-fg-muted">
              {emptyText}
            </Text>
          </div>
        )}
        {options.map((o) => (
          <DropdownMenu.CheckboxItem
            key={o.value}
            checked={value.includes(o.value)}
            onSelect={(e) => e.preventDefault()}
            onCheckedChange={(checked) =>
              onChange(checked ? [...value, o.value] : value.filter((v) => v !== o.value))
            }
          >
            {o.label}
          </DropdownMenu.CheckboxItem>
        ))}
        {picked.length > 0 && (
          <>
            <DropdownMenu.Separator />
            <DropdownMenu.Item onSelect={() => onChange([])}>Clear</DropdownMenu.Item>
          </>
        )}
      </DropdownMenu.Content>
    </DropdownMenu>
  )
}

/** Header checkbox: all rows of the page, with the indeterminate state. */
export const SelectAllCheckbox = ({
  ids,
  selected,
  onChange,
}: {
  ids: string[]
  selected: Set<string>
  onChange: (next: Set<string>) => void
}) => {
  const onPage = ids.filter((id) => selected.has(id)).length
  const state = onPage === 0 ? false : onPage === ids.length ? true : "indeterminate"
  return (
    <Checkbox
      aria-label="Select all customers on this page"
      checked={state}
      disabled={!ids.length}
      onCheckedChange={(checked) => {
        const next = new Set(selected)
        for (const id of ids) {
          if (checked === true) next.add(id)
          else next.delete(id)
        }
        onChange(next)
      }}
    />
  )
}

/** The row menu of the customer list: open the customer, view their metrics. */
export const CustomerRowMenu = ({ customerId }: { customerId: string }) => {
  const navigate = useNavigate()
  return (
    <DropdownMenu>
      <DropdownMenu.Trigger asChild>
        <IconButton size="small" variant="transparent" aria-label="Customer actions" onClick={(e) => e.stopPropagation()}>
          <EllipsisHorizontal />
        </IconButton>
      </DropdownMenu.Trigger>
      <DropdownMenu.Content align="end" onClick={(e) => e.stopPropagation()}>
        <DropdownMenu.Item className="gap-x-2" onSelect={() => navigate(`/customers/${customerId}`)}>
          <PencilSquare className="text-ui-fg-subtle" />
          Edit customer
        </DropdownMenu.Item>
        <DropdownMenu.Item className="gap-x-2" onSelect={() => navigate(`/backoffice/customers/${customerId}/metrics`)}>
          <ChartBar className="text-ui-fg-subtle" />
          View customer metrics
        </DropdownMenu.Item>
      </DropdownMenu.Content>
    </DropdownMenu>
  )
}
