import { defineRouteConfig } from "@medusajs/admin-sdk"
import { ArrowUturnLeft, MagnifyingGlass, Users } from "@medusajs/icons"
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
  MultiSelectFilter,
  SelectAllCheckbox,
  SortableHeader,
} from "../../../components/customers/customer-cells"
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
import { errorMessage } from "../../../lib/sdk"

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
  const [createdFrom, setCreatedFrom] = useState("")
  const [createdTo, setCreatedTo] = useState("")
  const [order, setOrder] = useState("-created_at")
  const [pageIndex, setPageIndex] = useState(0)
  const [selected, setSelected] = useState<Set<string>>(new Set())

  const rangeInvalid = !!createdFrom && !!createdTo && createdTo < createdFrom

  const params: ListCustomersParams = useMemo(
    () => ({
      q: q || undefined,
      status: status.length ? status : undefined,
      category: category.length ? category : undefined,
      created_from: createdFrom || undefined,
      created_to: rangeInvalid ? undefined : createdTo || undefined,
      order,
      limit: PAGE_SIZE,
      offset: pageIndex * PAGE_SIZE,
    }),
    [q, status, category, createdFrom, createdTo, rangeInvalid, order, pageIndex]
  )

  // A new filter, search or sort starts again from the first page.
  useEffect(() => setPageIndex(0), [q, status, category, createdFrom, createdTo, order])

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

  const customers = list.data?.customers ?? []
  const count = list.data?.count ?? 0
  const pageCount = Math.max(1, Math.ceil(count / PAGE_SIZE))
  const filtered = !!(q || status.length || category.length || createdFrom || createdTo)

  useEffect(() => {
    if (list.data && pageIndex > 0 && pageIndex >= pageCount) setPageIndex(pageCount - 1)
  }, [list.data, pageIndex, pageCount])

  const clearFilters = () => {
    setSearch("")
    setStatus([])
    setCategory([])
    setCreatedFrom("")
    setCreatedTo("")
  }

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
  const pageIds = customers.map((c) => c.id)

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
          <Button size="small" variant="secondary" asChild>
            <Link to="/backoffice/customers/removed">
              <ArrowUturnLeft />
              Removed customers
            </Link>
          </Button>
        </div>

        <div className="flex flex-wrap items-end gap-2 px-6 py-4">
          <div className="relative w-[260px]">
            <Input
              size="small"
              type="search"
              placeholder="Search name, email, phone"
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
                <SortableHeader label="Email" sortKey="email" order={order} onOrder={setOrder} />
                <Table.HeaderCell>Phone</Table.HeaderCell>
                <Table.HeaderCell>Status</Table.HeaderCell>
                <Table.HeaderCell>Categories</Table.HeaderCell>
                <Table.HeaderCell className="text-right">Orders</Table.HeaderCell>
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
                  <Table.Cell className="max-w-[240px] truncate">{c.email ?? <Dash />}</Table.Cell>
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
          <Table.Pagination
            count={count}
            pageSize={PAGE_SIZE}
            pageIndex={pageIndex}
            pageCount={pageCount}
            canPreviousPage={pageIndex > 0}
            canNextPage={pageIndex < pageCount - 1}
            previousPage={() => setPageIndex((p) => Math.max(0, p - 1))}
            nextPage={() => setPageIndex((p) => Math.min(pageCount - 1, p + 1))}
          />
        )}
      </Container>

      <CommandBar open={selected.size > 0}>
        <CommandBar.Bar>
          <CommandBar.Value>{formatNumber(selected.size)} selected</CommandBar.Value>
          <CommandBar.Seperator />
          {/*
            Bulk category actions go here once the categories API exists:
            "Add to category" / "Remove from category" →
            POST /admin/backoffice/categories/:id/customers { add: [...ids], remove: [...ids] }
          */}
          <CommandBar.Command action={onDelete} label="Delete" shortcut="d" disabled={remove.isPending} />
          <CommandBar.Seperator />
          <CommandBar.Command action={() => setSelected(new Set())} label="Clear selection" shortcut="esc" />
        </CommandBar.Bar>
      </CommandBar>
    </div>
  )
}

export const config = defineRouteConfig({
  label: "Customer list",
  icon: Users,
  nested: "/customers",
})

export default CustomerListPage
