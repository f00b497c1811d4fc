import { MagnifyingGlass } from "@medusajs/icons"
import { Badge, Checkbox, Table, Text } from "@medusajs/ui"
import { useNavigate } from "react-router-dom"
import type { CustomerListItem } from "../../lib/customers"
import { formatMinor, formatNumber, formatPhone } from "../../lib/format"
import { errorMessage } from "../../lib/sdk"
import {
  CategoryBadges,
  CustomerNameCell,
  CustomerRowMenu,
  CustomerStatusBadge,
  Dash,
  DateCell,
  EmailCell,
  SelectAllCheckbox,
  SortableHeader,
} from "./customer-cells"

/**
 * One page of the customer list: selectable rows (a click opens the
 * customer), sortable by name, email, creation date and the order columns
 * (orders, total spent, last order — kept fresh from order events), and what to show
 * while loading, on an error, or when nothing matches.
 */
/**
 * Widths that let every column fit a 1280 px window: narrower cell gaps than the table's default, and the name and
 * email cut to a width of their own (whole in their tooltips), a little wider from 1400 px. Plain CSS: the admin's
 * Tailwind build only holds the classes the dashboard itself uses, so new arbitrary values would not exist.
 */
const LIST_FIT_CSS = `
.cbo-customer-table th, .cbo-customer-table td { padding-right: 8px; }
.cbo-customer-table .cbo-list-name { max-width: 130px; }
.cbo-customer-table .cbo-list-email { max-width: 160px; }
@media (min-width: 1400px) {
  .cbo-customer-table th, .cbo-customer-table td { padding-right: 12px; }
  .cbo-customer-table .cbo-list-name { max-width: 180px; }
  .cbo-customer-table .cbo-list-email { max-width: 200px; }
}
`

export const CustomerTable = ({
  customers,
  selected,
  onSelectedChange,
  order,
  onOrder,
  now,
  loading,
  error,
  filtered,
}: {
  customers: CustomerListItem[]
  selected: Set<string>
  onSelectedChange: (selected: Set<string>) => void
  order: string
  onOrder: (order: string) => void
  now: number
  loading: boolean
  /** The list's load error, if it failed. */
  error: unknown
  filtered: boolean
}) => {
  const navigate = useNavigate()
  const pageIds = customers.map((c) => c.id)
  return (
    <div className="overflow-x-auto">
      <style>{LIST_FIT_CSS}</style>
      <Table className="cbo-customer-table">
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell className="w-[40px]">
              <SelectAllCheckbox ids={pageIds} selected={selected} onChange={onSelectedChange} />
            </Table.HeaderCell>
            <SortableHeader label="Name" sortKey="name" order={order} onOrder={onOrder} />
            <SortableHeader label="Email · phone" sortKey="email" order={order} onOrder={onOrder} />
            <Table.HeaderCell>Status · categories</Table.HeaderCell>
            <SortableHeader label="Orders" sortKey="order_count" order={order} onOrder={onOrder} />
            <SortableHeader label="Spent" sortKey="total_spent" order={order} onOrder={onOrder} />
            <SortableHeader label="Last order" sortKey="last_order_at" order={order} onOrder={onOrder} />
            <Table.HeaderCell className="whitespace-nowrap text-right">Points</Table.HeaderCell>
            <SortableHeader label="Created" sortKey="created_at" order={order} onOrder={onOrder} />
            <Table.HeaderCell className="w-[40px]">
              <span className="sr-only">Actions</span>
            </Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {customers.map((c) => (
            <Table.Row
              key={c.id}
              className="cursor-pointer"
              data-state={selected.has(c.id) ? "selected" : undefined}
              onClick={() => navigate(`/customers/${c.id}`)}
            >
              <Table.Cell onClick={(e) => e.stopPropagation()}>
                <Checkbox
                  aria-label={`Select ${c.email ?? c.id}`}
                  checked={selected.has(c.id)}
                  onCheckedChange={(checked) => {
                    const next = new Set(selected)
                    if (checked === true) next.add(c.id)
                    else next.delete(c.id)
                    onSelectedChange(next)
                  }}
                />
              </Table.Cell>
              <Table.Cell className="py-2">
                <CustomerNameCell customer={c} />
              </Table.Cell>
              <Table.Cell className="py-2">
                <EmailCell customer={c} />
                {c.phone && (
                  <span className="txt-compact-xsmall text-ui-fg-subtle block whitespace-nowrap tabular-nums" title={c.phone}>
                    {formatPhone(c.phone)}
                  </span>
                )}
              </Table.Cell>
              <Table.Cell className="py-2">
                <div className="flex flex-col gap-y-1">
                  <div className="flex items-center gap-x-1 whitespace-nowrap">
                    <CustomerStatusBadge status={c.status} />
                    {c.account_type === "trade" && (
                      <Badge size="2xsmall" color="purple">
                        Trade
                      </Badge>
                    )}
                  </div>
                  {c.categories.length > 0 && <CategoryBadges categories={c.categories} />}
                </div>
              </Table.Cell>
              <Table.Cell className="text-right tabular-nums">
                {c.order_count ? formatNumber(c.order_count) : <Dash />}
              </Table.Cell>
              <Table.Cell className="whitespace-nowrap text-right tabular-nums">
                {c.total_spent ? formatMinor(c.total_spent, c.total_spent_currency) : <Dash />}
              </Table.Cell>
              <Table.Cell>
                {c.last_order_at ? <DateCell value={c.last_order_at} now={now} /> : <Dash />}
              </Table.Cell>
              <Table.Cell className="text-right tabular-nums">
                {c.loyalty_points === null || c.loyalty_points === undefined ? (
                  <Dash />
                ) : (
                  formatNumber(c.loyalty_points)
                )}
              </Table.Cell>
              <Table.Cell>
                <DateCell value={c.created_at} now={now} />
              </Table.Cell>
              <Table.Cell onClick={(e) => e.stopPropagation()}>
                <CustomerRowMenu customerId={c.id} />
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      {customers.length === 0 && (
        <div className="flex flex-col items-center justify-center gap-y-1 px-6 py-12">
          {loading ? (
            <Text size="small" className="text-ui-fg-subtle">
              Loading customers…
            </Text>
          ) : error ? (
            <>
              <Text size="small" weight="plus">
                Could not load customers
              </Text>
              <Text size="small" className="text-ui-fg-subtle">
                {errorMessage(error)}
              </Text>
            </>
          ) : (
            <>
              <MagnifyingGlass className="text-ui-fg-muted" />
              <Text size="small" weight="plus">
                {filtered ? "No customers match these filters" : "No customers yet"}
              </Text>
              <Text size="small" className="text-ui-fg-subtle">
                {filtered
                  ? "Change or clear the search and filters."
                  : "Customers created in the admin, at checkout or by import show up here."}
              </Text>
            </>
          )}
        </div>
      )}
    </div>
  )
}
