import { ArrowLeftMini } from "@medusajs/icons"
import {
  Button,
  Checkbox,
  CommandBar,
  Container,
  Heading,
  Input,
  Table,
  Text,
  usePrompt,
} from "@medusajs/ui"
import { toast } from "../../../../lib/toast"
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useEffect, useMemo, useState } from "react"
import { Link } from "react-router-dom"
import {
  CustomerNameCell,
  CustomerStatusBadge,
  Dash,
  DateCell,
  SelectAllCheckbox,
  SortableHeader,
} from "../../../../components/customers/customer-cells"
import {
  type CustomerListItem,
  type ListCustomersParams,
  customerName,
  customerQueryKeys,
  customersApi,
} from "../../../../lib/customers"
import { formatNumber, shortId } from "../../../../lib/format"
import { apiGet, errorMessage } from "../../../../lib/sdk"
import { ListPagination } from "../../../../components/list-pagination"
import { useDebounced } from "../../../../hooks/timing"

const PAGE_SIZE = 20

type AdminUserLite = { id: string; email: string; first_name: string | null; last_name: string | null }

/** Removed (soft-deleted) customers: search them and restore them. */
const RemovedCustomersPage = () => {
  const queryClient = useQueryClient()
  const prompt = usePrompt()
  const [now] = useState(() => Date.now())
  const [search, setSearch] = useState("")
  const q = useDebounced(search.trim(), 300)
  const [order, setOrder] = useState("-deleted_at")
  const [pageIndex, setPageIndex] = useState(0)
  const [selected, setSelected] = useState<Set<string>>(new Set())

  const params: ListCustomersParams = useMemo(
    () => ({ q: q || undefined, order, limit: PAGE_SIZE, offset: pageIndex * PAGE_SIZE }),
    [q, order, pageIndex]
  )
  useEffect(() => setPageIndex(0), [q, order])

  const list = useQuery({
    queryKey: customerQueryKeys.removed(params),
    queryFn: () => customersApi.removed(params),
    placeholderData: keepPreviousData,
  })
  const customers = list.data?.customers ?? []
  const count = list.data?.count ?? 0
  const pageCount = Math.max(1, Math.ceil(count / PAGE_SIZE))

  useEffect(() => {
    if (list.data && pageIndex > 0 && pageIndex >= pageCount) setPageIndex(pageCount - 1)
  }, [list.data, pageIndex, pageCount])

  const userIds = useMemo(
    () => [...new Set(customers.map((c) => c.removed_by).filter((id): id is string => !!id))].sort(),
    [customers]
  )
  const users = useQuery({
    queryKey: [...customerQueryKeys.all, "users", userIds],
    queryFn: () =>
      apiGet<{ users: AdminUserLite[] }>("/admin/users", {
        id: userIds,
        fields: "id,email,first_name,last_name",
        limit: userIds.length,
      }),
    enabled: userIds.length > 0,
    staleTime: 5 * 60_000,
    retry: false,
  })
  const removedBy = (c: CustomerListItem) => {
    if (!c.removed_by) return <Dash />
    const user = users.data?.users.find((u) => u.id === c.removed_by)
    if (!user) return shortId(c.removed_by)
    return [user.first_name, user.last_name].filter(Boolean).join(" ") || user.email
  }

  const restore = useMutation({
    mutationFn: (ids: string[]) => customersApi.restore(ids),
    onSuccess: ({ count }) => {
      toast.success(count === 1 ? "Customer restored" : `${formatNumber(count)} customers restored`, {
        description: "They are back in the customer list, with their categories.",
      })
      setSelected(new Set())
      queryClient.invalidateQueries({ queryKey: customerQueryKeys.all })
    },
    onError: (error) => {
      toast.error("Nothing was restored", { description: errorMessage(error) })
    },
  })

  const onRestore = async (ids: string[]) => {
    const one = ids.length === 1 ? customers.find((c) => c.id === ids[0]) : undefined
    const confirmed = await prompt({
      title: one ? `Restore ${customerName(one)}?` : `Restore ${formatNumber(ids.length)} customers?`,
      description: "Restored customers are back in the customer list and in the categories they had.",
      confirmText: "Restore",
      cancelText: "Cancel",
    })
    if (confirmed) restore.mutate(ids)
  }

  return (
    <div className="flex flex-col gap-y-3">
      <Container className="divide-y p-0">
        <div className="flex flex-wrap items-center justify-between gap-4 px-6 py-4">
          <div>
            <Heading level="h1">Removed customers</Heading>
            <Text size="small" className="text-ui-fg-subtle">
              Deleted customers stay in orders and reports. Restore them to use them again.
            </Text>
          </div>
          <Button size="small" variant="secondary" asChild>
            <Link to="/backoffice/customers">
              <ArrowLeftMini />
              Customer list
            </Link>
          </Button>
        </div>
        <div className="flex items-center gap-2 px-6 py-4">
          <div className="w-[260px]">
            <Input
              size="small"
              type="search"
              placeholder="Search name, email, phone"
              aria-label="Search removed customers"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
            />
          </div>
          <Text size="small" className="text-ui-fg-subtle">
            {list.data ? `${formatNumber(count)} removed` : ""}
          </Text>
        </div>
        <div className="overflow-x-auto">
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell className="w-[40px]">
                  <SelectAllCheckbox ids={customers.map((c) => c.id)} selected={selected} onChange={setSelected} />
                </Table.HeaderCell>
                <SortableHeader label="Name" sortKey="name" order={order} onOrder={setOrder} />
                <SortableHeader label="Email" sortKey="email" order={order} onOrder={setOrder} />
                <Table.HeaderCell>Status</Table.HeaderCell>
                <Table.HeaderCell className="text-right">Orders</Table.HeaderCell>
                <SortableHeader label="Removed" sortKey="deleted_at" order={order} onOrder={setOrder} />
                <Table.HeaderCell>Removed by</Table.HeaderCell>
                <Table.HeaderCell className="text-right">
                  <span className="sr-only">Actions</span>
                </Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {customers.map((c) => (
                <Table.Row key={c.id} data-state={selected.has(c.id) ? "selected" : undefined}>
                  <Table.Cell>
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
                  <Table.Cell>
                    <CustomerStatusBadge status={c.status} />
                  </Table.Cell>
                  <Table.Cell className="text-right tabular-nums">
                    {c.order_count ? formatNumber(c.order_count) : <Dash />}
                  </Table.Cell>
                  <Table.Cell>
                    <DateCell value={c.deleted_at} now={now} />
                  </Table.Cell>
                  <Table.Cell>
                    <Text size="small" className="text-ui-fg-subtle">
                      {removedBy(c)}
                    </Text>
                  </Table.Cell>
                  <Table.Cell className="text-right">
                    <Button size="small" variant="secondary" onClick={() => onRestore([c.id])} disabled={restore.isPending}>
                      Restore
                    </Button>
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
          {customers.length === 0 && (
            <div className="flex flex-col items-center justify-center gap-y-1 px-6 py-12">
              <Text size="small" weight="plus">
                {list.isPending
                  ? "Loading…"
                  : list.isError
                    ? "Could not load removed customers"
                    : q
                      ? "No removed customer matches this search"
                      : "No removed customers"}
              </Text>
              {list.isError && (
                <Text size="small" className="text-ui-fg-subtle">
                  {errorMessage(list.error)}
                </Text>
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
          <CommandBar.Command action={() => onRestore([...selected])} label="Restore" shortcut="r" />
          <CommandBar.Seperator />
          <CommandBar.Command action={() => setSelected(new Set())} label="Clear selection" shortcut="esc" />
        </CommandBar.Bar>
      </CommandBar>
    </div>
  )
}

export default RemovedCustomersPage
