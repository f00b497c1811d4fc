import {
  Badge,
  Container,
  createDataTableColumnHelper,
  DataTable,
  type DataTablePaginationState,
  type DataTableSortingState,
  Heading,
  Text,
  useDataTable,
} from "@medusajs/ui"
import { keepPreviousData, useQuery } from "@tanstack/react-query"
import { useMemo, useState } from "react"
import { formatDate } from "../../lib/format"
import { formatMinor } from "../../lib/house-accounts"
import {
  metricsApi,
  metricsKeys,
  TRANSACTION_STATUS_COLOR,
  type CustomerTransaction,
  type Period,
} from "../../lib/customer-metrics"
import { ReceiptDrawer } from "./receipt-drawer"

const col = createDataTableColumnHelper<CustomerTransaction>()
const PAGE_SIZE = 10

/** The customer's orders of the period (paged, sortable); a row opens its receipt. */
export const TransactionsTable = ({
  customerId,
  customerEmail,
  period,
}: {
  customerId: string
  customerEmail: string | null
  period: Period
}) => {
  const [pagination, setPagination] = useState<DataTablePaginationState>({ pageIndex: 0, pageSize: PAGE_SIZE })
  const [sorting, setSorting] = useState<DataTableSortingState | null>({ id: "created_at", desc: true })
  const [openId, setOpenId] = useState<string | null>(null)
  const q = {
    limit: pagination.pageSize,
    offset: pagination.pageIndex * pagination.pageSize,
    order: sorting ? `${sorting.desc ? "-" : ""}${sorting.id}` : "-created_at",
    from: period.from,
    to: period.to,
  }
  const list = useQuery({
    queryKey: metricsKeys.transactions(customerId, q),
    queryFn: () => metricsApi.transactions(customerId, q),
    placeholderData: keepPreviousData,
  })
  const columns = useMemo(
    () => [
      col.accessor("display_id", {
        header: "Receipt",
        enableSorting: true,
        sortLabel: "Receipt number",
        cell: ({ getValue }) => <span className="txt-compact-small-plus">#{getValue()}</span>,
      }),
      col.accessor("created_at", {
        header: "Date",
        enableSorting: true,
        sortLabel: "Date",
        sortAscLabel: "Oldest first",
        sortDescLabel: "Newest first",
        cell: ({ getValue }) => formatDate(getValue()),
      }),
      col.accessor("status", {
        header: "Status",
        cell: ({ getValue }) => (
          <Badge size="2xsmall" color={TRANSACTION_STATUS_COLOR[getValue()] ?? "grey"}>
            {getValue().replace(/_/g, " ")}
          </Badge>
        ),
      }),
      col.accessor("refunded_total", {
        header: "Refunded",
        headerAlign: "right",
        cell: ({ getValue, row }) => (
          <span className="block text-right tabular-nums">
            {getValue() ? formatMinor(getValue(), row.original.currency_code) : "–"}
          </span>
        ),
      }),
      col.accessor("net_total", {
        header: "Amount",
        headerAlign: "right",
        enableSorting: true,
        sortLabel: "Amount",
        cell: ({ getValue, row }) => (
          <span className="block text-right tabular-nums">{formatMinor(getValue(), row.original.currency_code)}</span>
        ),
      }),
    ],
    []
  )
  const table = useDataTable({
    data: list.data?.transactions ?? [],
    columns,
    getRowId: (r) => r.id,
    rowCount: list.data?.count ?? 0,
    isLoading: list.isPending,
    pagination: { state: pagination, onPaginationChange: setPagination },
    sorting: { state: sorting, onSortingChange: setSorting },
    onRowClick: (_e, row) => setOpenId(row.id),
  })
  return (
    <Container className="p-0" data-testid="cbo-transactions">
      <DataTable instance={table}>
        <DataTable.Toolbar className="flex items-center justify-between px-6 py-4">
          <div>
            <Heading level="h2">Transaction history</Heading>
            <Text size="small" className="text-ui-fg-subtle">
              Orders of the period; click one for its receipt
            </Text>
          </div>
          <DataTable.SortingMenu tooltip="Sort" />
        </DataTable.Toolbar>
        <DataTable.Table
          emptyState={{
            empty: { heading: "No orders", description: "This customer has no orders in the period." },
          }}
        />
        <DataTable.Pagination />
      </DataTable>
      {list.isError && (
        <Text size="small" className="text-ui-fg-error px-6 pb-4" role="alert">
          Could not load the transactions
        </Text>
      )}
      <ReceiptDrawer
        customerId={customerId}
        customerEmail={customerEmail}
        orderId={openId}
        onClose={() => setOpenId(null)}
      />
    </Container>
  )
}
