import { defineRouteConfig } from "@medusajs/admin-sdk"
import { ArrowDownTray, ArrowUpTray, ArrowUturnLeft, MagnifyingGlass, Users } from "@medusajs/icons"
import {
  Button,
  Checkbox,
  CommandBar,
  Container,
  Heading,
  Input,
  Label,
  Table,
  Text,
  toast,
  usePrompt,
} from "@medusajs/ui"
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useEffect, useMemo, useState } from "react"
import { Link, useNavigate } from "react-router-dom"
import {
  CategoryBadges,
  CustomerNameCell,
  CustomerStatusBadge,
  Dash,
  DateCell,
  EmailCell,
  InvalidDateCell,
  MultiSelectFilter,
  SelectAllCheckbox,
  SortableHeader,
  ToggleFilter,
} from "../../../components/customers/customer-cells"
import { BulkPickDialog } from "../../../components/customers/bulk-pick-dialog"
import { categoriesApi, categoryQueryKeys } from "../../../lib/categories"
import {
  CUSTOMER_STATUSES,
  CUSTOMER_STATUS_META,
  type CustomerStatus,
  type ListCustomersParams,
  customerQueryKeys,
  customersApi,
  deleteConfirmText,
} from "../../../lib/customers"
import { formatNumber } from "../../../lib/format"
import { PERMISSIONS, usePermissions } from "../../../lib/permissions"
import { errorMessage } from "../../../lib/sdk"
import { ListPagination } from "../../../components/list-pagination"
import { ExportDialog } from "../../../components/customer-io/export-dialog"

const PAGE_SIZE = 20

/** Re-renders every `ms` so relative dates stay fresh. */
function useNow(ms: number) {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), ms)
    return () => window.clearInterval(timer)
  }, [ms])
  return now
}

function useDebounced<T>(value: T, ms: number) {
  const [debounced, setDebounced] = useState(value)
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(value), ms)
    return () => window.clearTimeout(timer)
  }, [value, ms])
  return debounced
}

const CustomerListPage = () => {
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const prompt = usePrompt()
  const now = useNow(60_000)

  const [search, setSearch] = useState("")
  const q = useDebounced(search.trim(), 300)
  const [status, setStatus] = useState<CustomerStatus[]>([])
  const [category, setCategory] = useState<string[]>([])
  const [store, setStore] = useState<string[]>([])
  const [invalidEmail, setInvalidEmail] = useState(false)
  const [birthdayThisMonth, setBirthdayThisMonth] = useState(false)
  const [hasDuplicates, setHasDuplicates] = useState(false)
  const [createdFrom, setCreatedFrom] = useState("")
  const [createdTo, setCreatedTo] = useState("")
  const [order, setOrder] = useState("-created_at")
  const [pageIndex, setPageIndex] = useState(0)
  const [selected, setSelected] = useState<Set<string>>(new Set())
  const [exportOpen, setExportOpen] = useState(false)

  const rangeInvalid = !!createdFrom && !!createdTo && createdTo < createdFrom

  const params: ListCustomersParams = useMemo(
    () => ({
      q: q || undefined,
      status: status.length ? status : undefined,
      category: category.length ? category : undefined,
      store: store.length ? store : undefined,
      invalid_email: invalidEmail || undefined,
      birthday_this_month: birthdayThisMonth || undefined,
      has_duplicates: hasDuplicates || undefined,
      created_from: createdFrom || undefined,
      created_to: rangeInvalid ? undefined : createdTo || undefined,
      order,
      limit: PAGE_SIZE,
      offset: pageIndex * PAGE_SIZE,
    }),
    [
      q,
      status,
      category,
      store,
      invalidEmail,
      birthdayThisMonth,
      hasDuplicates,
      createdFrom,
      createdTo,
      rangeInvalid,
      order,
      pageIndex,
    ]
  )

  // A new filter, search or sort starts again from the first page.
  useEffect(
    () => setPageIndex(0),
    [q, status, category, store, invalidEmail, birthdayThisMonth, hasDuplicates, createdFrom, createdTo, order]
  )

  const list = useQuery({
    queryKey: customerQueryKeys.list(params),
    queryFn: () => customersApi.list(params),
    placeholderData: keepPreviousData,
  })
  const groups = useQuery({
    queryKey: customerQueryKeys.groups(),
    queryFn: customersApi.groups,
    staleTime: 60_000,
  })
  const salesChannels = useQuery({
    queryKey: categoryQueryKeys.salesChannels(),
    queryFn: categoriesApi.salesChannels,
    staleTime: 60_000,
  })

  const customers = list.data?.customers ?? []
  const count = list.data?.count ?? 0
  const pageCount = Math.max(1, Math.ceil(count / PAGE_SIZE))
  const filtered = !!(
    q ||
    status.length ||
    category.length ||
    store.length ||
    invalidEmail ||
    birthdayThisMonth ||
    hasDuplicates ||
    createdFrom ||
    createdTo
  )

  useEffect(() => {
    if (list.data && pageIndex > 0 && pageIndex >= pageCount) setPageIndex(pageCount - 1)
  }, [list.data, pageIndex, pageCount])

  const clearFilters = () => {
    setSearch("")
    setStatus([])
    setCategory([])
    setStore([])
    setInvalidEmail(false)
    setBirthdayThisMonth(false)
    setHasDuplicates(false)
    setCreatedFrom("")
    setCreatedTo("")
  }

  // hidden for a role without the bulk-delete policy (RBAC on); always there with RBAC off
  const canBulkDelete = usePermissions().can(PERMISSIONS.bulkDeleteCustomers)
  const remove = useMutation({
    mutationFn: (ids: string[]) => customersApi.remove(ids),
    onSuccess: ({ count }) => {
      toast.success(count === 1 ? "Customer deleted" : `${formatNumber(count)} customers deleted`, {
        description: 'You can restore them from "Removed customers".',
      })
      setSelected(new Set())
      queryClient.invalidateQueries({ queryKey: customerQueryKeys.all })
    },
    onError: (error) => {
      toast.error("Could not delete the customers", { description: errorMessage(error) })
      queryClient.invalidateQueries({ queryKey: customerQueryKeys.all })
    },
  })

  const onDelete = async () => {
    const ids = [...selected]
    let preview
    try {
      preview = await customersApi.deletePreview(ids)
    } catch (error) {
      toast.error("Could not check the selected customers", { description: errorMessage(error) })
      return
    }
    if (!preview.count) {
      toast.info("These customers were already removed")
      setSelected(new Set())
      queryClient.invalidateQueries({ queryKey: customerQueryKeys.all })
      return
    }
    const text = deleteConfirmText(preview)
    const confirmed = await prompt({
      title: text.title,
      description: text.description,
      confirmText: "Delete",
      cancelText: "Cancel",
      variant: "danger",
    })
    if (confirmed) {
      const stillThere = ids.filter((id) => !preview.not_found.includes(id))
      remove.mutate(stillThere)
    }
  }

  const statusOptions = CUSTOMER_STATUSES.map((s) => ({ value: s, label: CUSTOMER_STATUS_META[s].label }))
  const categoryOptions = (groups.data?.customer_groups ?? []).map((g) => ({ value: g.id, label: g.name }))
  const storeOptions = (salesChannels.data?.sales_channels ?? []).map((sc) => ({
    value: sc.id,
    label: sc.is_disabled ? `${sc.name} (disabled)` : sc.name,
  }))
  const pageIds = customers.map((c) => c.id)

  const [bulk, setBulk] = useState<null | "add_category" | "remove_category" | "assign_store">(null)
  const invalidateAfterBulk = () => {
    queryClient.invalidateQueries({ queryKey: customerQueryKeys.all })
    queryClient.invalidateQueries({ queryKey: categoryQueryKeys.all })
    queryClient.invalidateQueries({ queryKey: ["customer-backoffice", "stores"] })
  }
  const bulkCategory = useMutation({
    mutationFn: ({ categoryId, mode }: { categoryId: string; mode: "add" | "remove" }) =>
      categoriesApi.members(categoryId, { [mode]: [...selected] }),
    onSuccess: (res, { mode }) => {
      const n = mode === "add" ? res.added.length : res.removed.length
      const name = res.category.name
      const who = n === 1 ? "1 customer" : `${formatNumber(n)} customers`
      const already = selected.size - n
      toast.success(mode === "add" ? `${who} added to ${name}` : `${who} removed from ${name}`, {
        description: already
          ? mode === "add"
            ? `${formatNumber(already)} already belonged to it.`
            : `${formatNumber(already)} did not belong to it.`
          : undefined,
      })
      setBulk(null)
      setSelected(new Set())
      invalidateAfterBulk()
    },
    onError: (error) => {
      toast.error("Could not change the category", { description: errorMessage(error) })
      invalidateAfterBulk()
    },
  })
  const bulkStore = useMutation({
    mutationFn: (salesChannelId: string) => categoriesApi.bulkStores([...selected], { add: [salesChannelId] }),
    onSuccess: (_res, salesChannelId) => {
      const name = storeOptions.find((o) => o.value === salesChannelId)?.label ?? "the store"
      const n = selected.size
      toast.success(`${n === 1 ? "1 customer" : `${formatNumber(n)} customers`} assigned to ${name}`)
      setBulk(null)
      setSelected(new Set())
      invalidateAfterBulk()
    },
    onError: (error) => {
      toast.error("Could not assign the store", { description: errorMessage(error) })
      invalidateAfterBulk()
    },
  })
  const selectedText = selected.size === 1 ? "the selected customer" : `the ${formatNumber(selected.size)} selected customers`

  return (
    <div className="flex flex-col gap-y-3">
      <Container className="divide-y p-0">
        <div className="flex flex-wrap items-center justify-between gap-4 px-6 py-4">
          <div>
            <Heading level="h1">Customer list</Heading>
            <Text size="small" className="text-ui-fg-subtle">
              {list.data
                ? `${formatNumber(count)} ${count === 1 ? "customer" : "customers"}${filtered ? " match" : ""}`
                : "Your customers, their status, categories and sales activity."}
            </Text>
          </div>
          <div className="flex items-center gap-x-2">
            <Button size="small" variant="secondary" asChild>
              <Link to="/backoffice/imports">
                <ArrowUpTray />
                Import
              </Link>
            </Button>
            <Button size="small" variant="secondary" onClick={() => setExportOpen(true)}>
              <ArrowDownTray />
              Export
            </Button>
            <Button size="small" variant="secondary" asChild>
              <Link to="/backoffice/customers/removed">
                <ArrowUturnLeft />
                Removed customers
              </Link>
            </Button>
          </div>
        </div>

        <div className="flex flex-wrap items-end gap-2 px-6 py-4">
          <div className="relative w-[260px]">
            <Input
              size="small"
              type="search"
              placeholder="Search name, email, phone, ID, loyalty card"
              aria-label="Search customers"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
            />
          </div>
          <MultiSelectFilter label="Status" options={statusOptions} value={status} onChange={setStatus} />
          <MultiSelectFilter
            label="Category"
            options={categoryOptions}
            value={category}
            onChange={setCategory}
            emptyText="No categories yet"
          />
          <MultiSelectFilter
            label="Store"
            options={storeOptions}
            value={store}
            onChange={setStore}
            emptyText="No sales channels"
          />
          <ToggleFilter label="Invalid email" value={invalidEmail} onChange={setInvalidEmail} />
          <ToggleFilter label="Birthday this month" value={birthdayThisMonth} onChange={setBirthdayThisMonth} />
          <ToggleFilter label="Has possible duplicates" value={hasDuplicates} onChange={setHasDuplicates} />
          <div className="flex items-center gap-x-2">
            <Label size="xsmall" htmlFor="cbo-created-from" className="text-ui-fg-subtle">
              Created
            </Label>
            <Input
              id="cbo-created-from"
              size="small"
              type="date"
              aria-label="Created from"
              value={createdFrom}
              max={createdTo || undefined}
              onChange={(e) => setCreatedFrom(e.target.value)}
              style={{ width: 140 }}
            />
            <Text size="xsmall" className="text-ui-fg-muted">
              to
            </Text>
            <Input
              size="small"
              type="date"
              aria-label="Created to"
              value={createdTo}
              min={createdFrom || undefined}
              aria-invalid={rangeInvalid}
              onChange={(e) => setCreatedTo(e.target.value)}
              style={{ width: 140 }}
            />
          </div>
          {filtered && (
            <Button size="small" variant="transparent" onClick={clearFilters}>
              Clear filters
            </Button>
          )}
        </div>
        {rangeInvalid && (
          <div className="px-6 py-2">
            <Text size="xsmall" className="text-ui-fg-error">
              The end of the created range is before its start.
            </Text>
          </div>
        )}

        <div className="overflow-x-auto">
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell className="w-[40px]">
                  <SelectAllCheckbox ids={pageIds} selected={selected} onChange={setSelected} />
                </Table.HeaderCell>
                <SortableHeader label="Name" sortKey="name" order={order} onOrder={setOrder} />
                <Table.HeaderCell>Customer ID</Table.HeaderCell>
                <SortableHeader label="Email" sortKey="email" order={order} onOrder={setOrder} />
                <Table.HeaderCell>Invalid date</Table.HeaderCell>
                <Table.HeaderCell>Phone</Table.HeaderCell>
                <Table.HeaderCell>Status</Table.HeaderCell>
                <Table.HeaderCell>Categories</Table.HeaderCell>
                <Table.HeaderCell className="text-right">Orders</Table.HeaderCell>
                <Table.HeaderCell className="text-right">Loyalty points</Table.HeaderCell>
                <SortableHeader label="Created" sortKey="created_at" order={order} onOrder={setOrder} />
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
                        setSelected(next)
                      }}
                    />
                  </Table.Cell>
                  <Table.Cell className="max-w-[260px] py-2">
                    <CustomerNameCell customer={c} />
                  </Table.Cell>
                  <Table.Cell className="whitespace-nowrap tabular-nums">
                    {c.customer_number ?? <Dash />}
                  </Table.Cell>
                  <Table.Cell className="max-w-[240px] truncate">
                    <EmailCell customer={c} />
                  </Table.Cell>
                  <Table.Cell>
                    <InvalidDateCell customer={c} />
                  </Table.Cell>
                  <Table.Cell className="whitespace-nowrap">{c.phone ?? <Dash />}</Table.Cell>
                  <Table.Cell>
                    <CustomerStatusBadge status={c.status} />
                  </Table.Cell>
                  <Table.Cell>
                    <CategoryBadges categories={c.categories} />
                  </Table.Cell>
                  <Table.Cell className="text-right tabular-nums">
                    {c.order_count ? formatNumber(c.order_count) : <Dash />}
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
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
          {customers.length === 0 && (
            <div className="flex flex-col items-center justify-center gap-y-1 px-6 py-12">
              {list.isPending ? (
                <Text size="small" className="text-ui-fg-subtle">
                  Loading customers…
                </Text>
              ) : list.isError ? (
                <>
                  <Text size="small" weight="plus">
                    Could not load customers
                  </Text>
                  <Text size="small" className="text-ui-fg-subtle">
                    {errorMessage(list.error)}
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

        {count > 0 && (
          <ListPagination count={count} pageSize={PAGE_SIZE} pageIndex={pageIndex} setPageIndex={setPageIndex} />
        )}
      </Container>

      <CommandBar open={selected.size > 0}>
        <CommandBar.Bar>
          <CommandBar.Value>{formatNumber(selected.size)} selected</CommandBar.Value>
          <CommandBar.Seperator />
          <CommandBar.Command action={() => setBulk("add_category")} label="Add to category…" shortcut="c" />
          <CommandBar.Seperator />
          <CommandBar.Command
            action={() => setBulk("remove_category")}
            label="Remove from category…"
            shortcut="r"
          />
          <CommandBar.Seperator />
          <CommandBar.Command action={() => setBulk("assign_store")} label="Assign store…" shortcut="s" />
          <CommandBar.Seperator />
          {canBulkDelete && (
            <>
              <CommandBar.Command action={onDelete} label="Delete" shortcut="d" disabled={remove.isPending} />
              <CommandBar.Seperator />
            </>
          )}
          <CommandBar.Command action={() => setSelected(new Set())} label="Clear selection" shortcut="esc" />
        </CommandBar.Bar>
      </CommandBar>

      <ExportDialog
        open={exportOpen}
        onOpenChange={setExportOpen}
        filters={(({ limit: _l, offset: _o, ...f }) => f)(params)}
        count={list.data ? count : null}
        filtered={filtered}
      />
      <BulkPickDialog
        open={bulk === "add_category" || bulk === "remove_category"}
        onOpenChange={(open) => !open && !bulkCategory.isPending && setBulk(null)}
        title={bulk === "remove_category" ? "Remove from category" : "Add to category"}
        description={
          bulk === "remove_category"
            ? `Remove ${selectedText} from a category. Price lists and promotions of that category no longer apply to them.`
            : `Add ${selectedText} to a category. Price lists and promotions of that category apply to them.`
        }
        label="Category"
        placeholder="Choose a category"
        options={categoryOptions}
        emptyText="No categories yet: create one on the Customer categories page."
        confirmText={bulk === "remove_category" ? "Remove" : "Add"}
        pending={bulkCategory.isPending}
        onConfirm={(categoryId) =>
          bulkCategory.mutate({ categoryId, mode: bulk === "remove_category" ? "remove" : "add" })
        }
      />
      <BulkPickDialog
        open={bulk === "assign_store"}
        onOpenChange={(open) => !open && !bulkStore.isPending && setBulk(null)}
        title="Assign store"
        description={`Add a store (sales channel) to ${selectedText}. Their other stores stay assigned.`}
        label="Store"
        placeholder="Choose a store"
        options={storeOptions}
        emptyText="No sales channels."
        confirmText="Assign"
        pending={bulkStore.isPending}
        onConfirm={(salesChannelId) => bulkStore.mutate(salesChannelId)}
      />
    </div>
  )
}

export const config = defineRouteConfig({
  label: "Customer list",
  icon: Users,
  nested: "/customers",
})

export default CustomerListPage
