import { Adjustments, TriangleDownMini } from "@medusajs/icons"
import { Badge, Button, Checkbox, DatePicker, Input, Label, Popover, Text } from "@medusajs/ui"
import type { CustomerFilters } from "../../hooks/use-customer-filters"
import { ACCOUNT_TYPE_FILTERS, ACCOUNT_TYPE_LABELS, type CustomerStatus } from "../../lib/customers"
import { MultiSelectFilter } from "./customer-cells"

type Option<T extends string = string> = { value: T; label: string }

const accountTypeOptions = ACCOUNT_TYPE_FILTERS.map((t) => ({ value: t, label: ACCOUNT_TYPE_LABELS[t] }))

/** "YYYY-MM-DD" (the filters' form) ↔ the picker's Date at local midnight. */
const toDate = (day: string) => {
  if (!day) return null
  const [y, m, d] = day.split("-").map(Number)
  return new Date(y, m - 1, d)
}
const toDay = (date: Date | null) =>
  date
    ? `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`
    : ""

const FlagCheckbox = ({
  id,
  label,
  value,
  onChange,
}: {
  id: string
  label: string
  value: boolean
  onChange: (value: boolean) => void
}) => (
  <div className="flex items-center gap-x-2">
    <Checkbox id={id} checked={value} onCheckedChange={(v) => onChange(v === true)} />
    <Label htmlFor={id} size="small" weight="regular">
      {label}
    </Label>
  </div>
)

const DayPicker = ({
  label,
  value,
  onChange,
  min,
  max,
}: {
  label: string
  value: string
  onChange: (day: string) => void
  min?: string
  max?: string
}) => (
  <div className="flex flex-col gap-y-1">
    <Label size="xsmall" className="text-ui-fg-subtle">
      {label}
    </Label>
    <DatePicker
      size="small"
      aria-label={label}
      value={toDate(value)}
      minValue={toDate(min ?? "") ?? undefined}
      maxValue={toDate(max ?? "") ?? undefined}
      onChange={(d) => onChange(toDay(d))}
    />
  </div>
)

/** The filters behind "More filters": flags, the created range, spending and the last order. */
function MoreFilters({ filters: f }: { filters: CustomerFilters }) {
  const active = [
    f.invalidEmail,
    f.birthdayThisMonth,
    f.outstandingBalance,
    f.overCreditLimit,
    f.hasDuplicates,
    !!(f.createdFrom || f.createdTo),
    f.spentMoreThan.trim() !== "",
    !!f.noOrderSince,
  ].filter(Boolean).length
  return (
    <Popover>
      <Popover.Trigger asChild>
        <Button size="small" variant="secondary" className={active ? "" : "text-ui-fg-subtle"}>
          <Adjustments className="text-ui-fg-muted" />
          More filters
          {active > 0 && (
            <Badge size="2xsmall" rounded="full" color="blue">
              {active}
            </Badge>
          )}
          <TriangleDownMini className="text-ui-fg-muted" />
        </Button>
      </Popover.Trigger>
      <Popover.Content align="end" className="flex w-[340px] flex-col gap-y-4 p-4">
        <div className="flex flex-col gap-y-2">
          <FlagCheckbox id="cbo-f-invalid-email" label="Invalid email" value={f.invalidEmail} onChange={f.setInvalidEmail} />
          <FlagCheckbox
            id="cbo-f-birthday"
            label="Birthday this month"
            value={f.birthdayThisMonth}
            onChange={f.setBirthdayThisMonth}
          />
          <FlagCheckbox
            id="cbo-f-outstanding"
            label="With outstanding balance"
            value={f.outstandingBalance}
            onChange={f.setOutstandingBalance}
          />
          <FlagCheckbox
            id="cbo-f-over-limit"
            label="Over credit limit"
            value={f.overCreditLimit}
            onChange={f.setOverCreditLimit}
          />
          <FlagCheckbox
            id="cbo-f-duplicates"
            label="Has possible duplicates"
            value={f.hasDuplicates}
            onChange={f.setHasDuplicates}
          />
        </div>
        <div className="flex flex-col gap-y-1">
          <Text size="small" weight="plus">
            Created
          </Text>
          <div className="grid grid-cols-2 gap-x-2">
            <DayPicker label="From" value={f.createdFrom} max={f.createdTo} onChange={f.setCreatedFrom} />
            <DayPicker label="To" value={f.createdTo} min={f.createdFrom} onChange={f.setCreatedTo} />
          </div>
          {f.rangeInvalid && (
            <Text size="xsmall" className="text-ui-fg-error">
              The end of the created range is before its start.
            </Text>
          )}
        </div>
        <div className="grid grid-cols-2 gap-x-2">
          <div className="flex flex-col gap-y-1">
            <Label size="xsmall" htmlFor="cbo-spent-more-than" className="text-ui-fg-subtle">
              Spent more than{f.salesCurrency ? ` (${f.salesCurrency.toUpperCase()})` : ""}
            </Label>
            <Input
              id="cbo-spent-more-than"
              size="small"
              type="number"
              min={0}
              step="any"
              placeholder="0"
              value={f.spentMoreThan}
              aria-invalid={f.spentInvalid}
              onChange={(e) => f.setSpentMoreThan(e.target.value)}
            />
          </div>
          <DayPicker label="No order since" value={f.noOrderSince} onChange={f.setNoOrderSince} />
        </div>
      </Popover.Content>
    </Popover>
  )
}

/** Search, status, account type, category and store on one row; the rest under "More filters". */
export const CustomerFilterBar = ({
  filters: f,
  statusOptions,
  categoryOptions,
  storeOptions,
}: {
  filters: CustomerFilters
  statusOptions: Option<CustomerStatus>[]
  categoryOptions: Option[]
  storeOptions: Option[]
}) => (
  <div className="flex items-center gap-2 px-6 py-4">
    <div className="min-w-[200px] max-w-[340px] flex-1">
      <Input
        size="small"
        type="search"
        placeholder="Search name, email, phone, ID, card"
        title="Search by name, email, phone, customer ID or loyalty card code"
        aria-label="Search customers"
        value={f.search}
        onChange={(e) => f.setSearch(e.target.value)}
      />
    </div>
    <div className="flex shrink-0 items-center gap-2">
      <MultiSelectFilter label="Status" options={statusOptions} value={f.status} onChange={f.setStatus} />
      <MultiSelectFilter
        label="Account type"
        options={accountTypeOptions}
        value={f.accountType}
        onChange={f.setAccountType}
      />
      <MultiSelectFilter
        label="Category"
        options={categoryOptions}
        value={f.category}
        onChange={f.setCategory}
        emptyText="No categories yet"
      />
      <MultiSelectFilter
        label="Store"
        options={storeOptions}
        value={f.store}
        onChange={f.setStore}
        emptyText="No sales channels"
      />
      <MoreFilters filters={f} />
      {f.filtered && (
        <Button size="small" variant="transparent" onClick={f.clear}>
          Clear filters
        </Button>
      )}
    </div>
  </div>
)
