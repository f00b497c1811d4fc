import { Button, Input, Label, Text } from "@medusajs/ui"
import type { CustomerFilters } from "../../hooks/use-customer-filters"
import { ACCOUNT_TYPE_FILTERS, ACCOUNT_TYPE_LABELS, type CustomerStatus } from "../../lib/customers"
import { MultiSelectFilter, ToggleFilter } from "./customer-cells"

type Option<T extends string = string> = { value: T; label: string }

const accountTypeOptions = ACCOUNT_TYPE_FILTERS.map((t) => ({ value: t, label: ACCOUNT_TYPE_LABELS[t] }))

/** Search, status, category, store, flags and the created range of the customer list. */
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
  <>
    <div className="flex flex-wrap items-end gap-2 px-6 py-4">
      <div className="relative w-[260px]">
        <Input
          size="small"
          type="search"
          placeholder="Search name, email, phone, ID, loyalty card"
          aria-label="Search customers"
          value={f.search}
          onChange={(e) => f.setSearch(e.target.value)}
        />
      </div>
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
      <ToggleFilter label="Invalid email" value={f.invalidEmail} onChange={f.setInvalidEmail} />
      <ToggleFilter label="Birthday this month" value={f.birthdayThisMonth} onChange={f.setBirthdayThisMonth} />
      <ToggleFilter label="With outstanding balance" value={f.outstandingBalance} onChange={f.setOutstandingBalance} />
      <ToggleFilter label="Over credit limit" value={f.overCreditLimit} onChange={f.setOverCreditLimit} />
      <ToggleFilter label="Has possible duplicates" value={f.hasDuplicates} onChange={f.setHasDuplicates} />
      <div className="flex items-center gap-x-2">
        <Label size="xsmall" htmlFor="cbo-created-from" className="text-ui-fg-subtle">
          Created
        </Label>
        <Input
          id="cbo-created-from"
          size="small"
          type="date"
          aria-label="Created from"
          value={f.createdFrom}
          max={f.createdTo || undefined}
          onChange={(e) => f.setCreatedFrom(e.target.value)}
          style={{ width: 140 }}
        />
        <Text size="xsmall" className="text-ui-fg-muted">
          to
        </Text>
        <Input
          size="small"
          type="date"
          aria-label="Created to"
          value={f.createdTo}
          min={f.createdFrom || undefined}
          aria-invalid={f.rangeInvalid}
          onChange={(e) => f.setCreatedTo(e.target.value)}
          style={{ width: 140 }}
        />
      </div>
      <div className="flex items-center gap-x-2">
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
          style={{ width: 110 }}
        />
      </div>
      <div className="flex items-center gap-x-2">
        <Label size="xsmall" htmlFor="cbo-no-order-since" className="text-ui-fg-subtle">
          No order since
        </Label>
        <Input
          id="cbo-no-order-since"
          size="small"
          type="date"
          value={f.noOrderSince}
          onChange={(e) => f.setNoOrderSince(e.target.value)}
          style={{ width: 140 }}
        />
      </div>
      {f.filtered && (
        <Button size="small" variant="transparent" onClick={f.clear}>
          Clear filters
        </Button>
      )}
    </div>
    {f.rangeInvalid && (
      <div className="px-6 py-2">
        <Text size="xsmall" className="text-ui-fg-error">
          The end of the created range is before its start.
        </Text>
      </div>
    )}
  </>
)
