import { defineRouteConfig } from "@medusajs/admin-sdk"
import { ArrowDownTray, ArrowUpTray, DocumentText } from "@medusajs/icons"
import { Button, Container, Heading, Table, Text } from "@medusajs/ui"
import { keepPreviousData, useQuery } from "@tanstack/react-query"
import { useState } from "react"
import { Link, useNavigate } from "react-router-dom"
import { ListPagination } from "../../../components/list-pagination"
import { ImportStatusBadge, downloadSample, useUploaderNames } from "../../../components/customer-io/import-common"
import {
  IMPORT_BUSY,
  customerIoApi,
  customerIoKeys,
  formatBytes,
} from "../../../lib/customer-io"
import { formatDateTime, formatNumber } from "../../../lib/format"
import { errorMessage } from "../../../lib/sdk"

const PAGE_SIZE = 20

const n = (v: number | undefined) => (typeof v === "number" ? formatNumber(v) : "–")

/** Customer imports: every run with who, when, the file, its counts and status. */
const CustomerImportsPage = () => {
  const navigate = useNavigate()
  const [pageIndex, setPageIndex] = useState(0)
  const params = { limit: PAGE_SIZE, offset: pageIndex * PAGE_SIZE }
  const runs = useQuery({
    queryKey: customerIoKeys.importRuns(params),
    queryFn: () => customerIoApi.importRuns(params),
    placeholderData: keepPreviousData,
    refetchInterval: (q) =>
      q.state.data?.import_runs.some((r) => IMPORT_BUSY.includes(r.status)) ? 2000 : false,
  })
  const list = runs.data?.import_runs ?? []
  const count = runs.data?.count ?? 0
  const uploader = useUploaderNames(list)

  return (
    <Container className="divide-y p-0">
      <div className="flex flex-wrap items-center justify-between gap-4 px-6 py-4">
        <div>
          <Heading level="h1">Customer imports</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Create and update customers from a CSV file. Nothing changes until you confirm the review.
          </Text>
        </div>
        <div className="flex items-center gap-x-2">
          <Button size="small" variant="secondary" onClick={downloadSample}>
            <ArrowDownTray />
            Sample Customers.csv
          </Button>
          <Button size="small" asChild>
            <Link to="/backoffice/imports/new">
              <ArrowUpTray />
              New import
            </Link>
          </Button>
        </div>
      </div>
      <div className="overflow-x-auto">
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>File</Table.HeaderCell>
              <Table.HeaderCell>Status</Table.HeaderCell>
              <Table.HeaderCell className="text-right">Rows</Table.HeaderCell>
              <Table.HeaderCell className="text-right">Created</Table.HeaderCell>
              <Table.HeaderCell className="text-right">Updated</Table.HeaderCell>
              <Table.HeaderCell className="text-right">Unchanged</Table.HeaderCell>
              <Table.HeaderCell className="text-right">Invalid / failed</Table.HeaderCell>
              <Table.HeaderCell>By</Table.HeaderCell>
              <Table.HeaderCell>When</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {list.map((r) => {
              const c = r.counts ?? {}
              const committed = r.status === "completed" || r.status === "undone" || r.status === "undoing"
              return (
                <Table.Row key={r.id} className="cursor-pointer" onClick={() => navigate(`/backoffice/imports/${r.id}`)}>
                  <Table.Cell className="max-w-[280px]">
                    <div className="flex items-center gap-x-2">
                      <DocumentText className="text-ui-fg-muted shrink-0" />
                      <div className="flex min-w-0 flex-col">
                        <Text size="small" weight="plus" className="truncate">
                          {r.file_name}
                        </Text>
                        <Text size="xsmall" className="text-ui-fg-muted">
                          {formatBytes(r.file_size)}
                          {r.parent_run_id ? " · re-import of fixed rows" : ""}
                        </Text>
                      </div>
                    </div>
                  </Table.Cell>
                  <Table.Cell>
                    <ImportStatusBadge status={r.status} />
                  </Table.Cell>
                  <Table.Cell className="text-right tabular-nums">{n(c.rows)}</Table.Cell>
                  <Table.Cell className="text-right tabular-nums">{committed ? n(c.created) : n(c.new)}</Table.Cell>
                  <Table.Cell className="text-right tabular-nums">{committed ? n(c.updated) : n(c.update)}</Table.Cell>
                  <Table.Cell className="text-right tabular-nums">{n(c.unchanged)}</Table.Cell>
                  <Table.Cell className="text-right tabular-nums">
                    {committed ? n(c.failed) : n(c.invalid)}
                  </Table.Cell>
                  <Table.Cell className="whitespace-nowrap">{uploader(r)}</Table.Cell>
                  <Table.Cell className="whitespace-nowrap">{formatDateTime(r.created_at)}</Table.Cell>
                </Table.Row>
              )
            })}
          </Table.Body>
        </Table>
        {list.length === 0 && (
          <div className="flex flex-col items-center justify-center gap-y-1 px-6 py-12">
            {runs.isPending ? (
              <Text size="small" className="text-ui-fg-subtle">
                Loading imports…
              </Text>
            ) : runs.isError ? (
              <>
                <Text size="small" weight="plus">
                  Could not load imports
                </Text>
                <Text size="small" className="text-ui-fg-subtle">
                  {errorMessage(runs.error)}
                </Text>
              </>
            ) : (
              <>
                <Text size="small" weight="plus">
                  No imports yet
                </Text>
                <Text size="small" className="text-ui-fg-subtle">
                  Start with the sample file: it has every column the import understands.
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
  )
}

export const config = defineRouteConfig({
  label: "Customer imports",
  icon: ArrowUpTray,
  nested: "/customers",
  // sidebar order under Customers (a number literal: the admin build reads it as written); see README
  rank: 6,
})

export default CustomerImportsPage
