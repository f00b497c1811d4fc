import { defineRouteConfig } from "@medusajs/admin-sdk"
import { ArrowDownTray, ArrowUpTray, ArrowUturnLeft, Plus, Users } from "@medusajs/icons"
import { Button, Container, Heading, Text } from "@medusajs/ui"
import { keepPreviousData, useQuery } from "@tanstack/react-query"
import { useEffect, useMemo, useState } from "react"
import { Link } from "react-router-dom"
import { CustomerBulkActions } from "../../../components/customers/customer-bulk-actions"
import { CustomerFilterBar } from "../../../components/customers/customer-filter-bar"
import { CustomerTable } from "../../../components/customers/customer-table"
import { ExportDialog } from "../../../components/customer-io/export-dialog"
import { NewCustomerDrawer } from "../../../components/customers/new-customer-drawer"
import { ListPagination } from "../../../components/list-pagination"
import { useCustomerFilters } from "../../../hooks/use-customer-filters"
import { useNow } from "../../../hooks/timing"
import { categoriesApi, categoryQueryKeys } from "../../../lib/categories"
import {
  CUSTOMER_STATUSES,
  CUSTOMER_STATUS_META,
  type ListCustomersParams,
  customerQueryKeys,
  customersApi,
} from "../../../lib/customers"
import { formatNumber } from "../../../lib/format"

const PAGE_SIZE = 20

const CustomerListPage = () => {
  const now = useNow(60_000)
  const filters = useCustomerFilters()
  const [order, setOrder] = useState("-created_at")
  const [pageIndex, setPageIndex] = useState(0)
  const [selected, setSelected] = useState<Set<string>>(new Set())
  const [exportOpen, setExportOpen] = useState(false)
  const [createOpen, setCreateOpen] = useState(false)

  const params: ListCustomersParams = useMemo(
    () => ({ ...filters.params, order, limit: PAGE_SIZE, offset: pageIndex * PAGE_SIZE }),
    [filters.params, order, pageIndex]
  )

  // A new filter, search or sort starts again from the first page.
  useEffect(() => setPageIndex(0), [filters.params, order])

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

  // "Spent more than" is typed in the store's default currency, as the list reports it
  const salesCurrency = list.data?.sales_currency ?? null
  const { setSalesCurrency } = filters
  useEffect(() => {
    if (salesCurrency) setSalesCurrency(salesCurrency)
  }, [salesCurrency, setSalesCurrency])

  const customers = list.data?.customers ?? []
  const count = list.data?.count ?? 0
  const pageCount = Math.max(1, Math.ceil(count / PAGE_SIZE))
  const filtered = filters.filtered

  useEffect(() => {
    if (list.data && pageIndex > 0 && pageIndex >= pageCount) setPageIndex(pageCount - 1)
  }, [list.data, pageIndex, pageCount])

  const statusOptions = CUSTOMER_STATUSES.map((s) => ({ value: s, label: CUSTOMER_STATUS_META[s].label }))
  const categoryOptions = (groups.data?.customer_groups ?? []).map((g) => ({ value: g.id, label: g.name }))
  const storeOptions = (salesChannels.data?.sales_channels ?? []).map((sc) => ({
    value: sc.id,
    label: sc.is_disabled ? `${sc.name} (disabled)` : sc.name,
  }))

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
            <Button size="small" onClick={() => setCreateOpen(true)}>
              <Plus />
              New customer
            </Button>
          </div>
        </div>

        <CustomerFilterBar
          filters={filters}
          statusOptions={statusOptions}
          categoryOptions={categoryOptions}
          storeOptions={storeOptions}
        />

        <CustomerTable
          customers={customers}
          selected={selected}
          onSelectedChange={setSelected}
          order={order}
          onOrder={setOrder}
          now={now}
          loading={list.isPending}
          error={list.isError ? list.error : null}
          filtered={filtered}
        />

        {count > 0 && (
          <ListPagination count={count} pageSize={PAGE_SIZE} pageIndex={pageIndex} setPageIndex={setPageIndex} />
        )}
      </Container>

      <CustomerBulkActions
        selected={selected}
        setSelected={setSelected}
        categoryOptions={categoryOptions}
        storeOptions={storeOptions}
      />
      <NewCustomerDrawer
        open={createOpen}
        onOpenChange={setCreateOpen}
        storeOptions={storeOptions}
        categoryOptions={categoryOptions}
      />
      <ExportDialog
        open={exportOpen}
        onOpenChange={setExportOpen}
        filters={(({ limit: _l, offset: _o, ...f }) => f)(params)}
        count={list.data ? count : null}
        filtered={filtered}
      />
    </div>
  )
}

export const config = defineRouteConfig({
  label: "Customer list",
  icon: Users,
  nested: "/customers",
  // sidebar order under Customers (a number literal: the admin build reads it as written); see README
  rank: 1,
})

export default CustomerListPage
