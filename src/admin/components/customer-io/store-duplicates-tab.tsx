import { InformationCircleSolid } from "@medusajs/icons"
import { Badge, Button, Table, Text } from "@medusajs/ui"
import { keepPreviousData, useQuery } from "@tanstack/react-query"
import { useState } from "react"
import { Link } from "react-router-dom"
import { ListPagination } from "../list-pagination"
import { customerIoApi, customerIoKeys, type ImportStoreDuplicate } from "../../lib/customer-io"
import { CONFIDENCE_META } from "../../lib/duplicates"
import { formatPhone } from "../../lib/format"
import { errorMessage } from "../../lib/sdk"

export const STORE_DUPLICATES_PAGE_SIZE = 20

/** The first page's query: the tab shows it, the tab's label takes its count. */
export const storeDuplicatesQuery = (runId: string, pageIndex = 0) => {
  const params = { limit: STORE_DUPLICATES_PAGE_SIZE, offset: pageIndex * STORE_DUPLICATES_PAGE_SIZE }
  return {
    queryKey: customerIoKeys.storeDuplicates(runId, params),
    queryFn: () => customerIoApi.storeDuplicates(runId, params),
  }
}

type Person = { first_name?: string | null; last_name?: string | null; email?: string | null }
const nameOf = (p: Person) => [p.first_name, p.last_name].filter(Boolean).join(" ") || p.email || "—"

/**
 * "Already in the store?": rows that would create a new customer but look
 * like a customer the store already has (the duplicate detection's rules),
 * each with the customer (a link), the reasons and the score. Excluding the
 * row keeps the duplicate out; otherwise merge later on Duplicate customers.
 */
export const StoreDuplicatesTab = ({
  runId,
  onExclude,
  excluding,
}: {
  runId: string
  onExclude: (row: ImportStoreDuplicate) => void
  excluding: string | null
}) => {
  const [pageIndex, setPageIndex] = useState(0)
  const list = useQuery({ ...storeDuplicatesQuery(runId, pageIndex), placeholderData: keepPreviousData })
  const rows = list.data?.rows ?? []
  const count = list.data?.count ?? 0
  return (
    <div className="flex flex-col">
      <div className="flex items-start gap-x-2 px-6 pb-3">
        <InformationCircleSolid className="text-ui-fg-muted mt-0.5 shrink-0" />
        <Text size="small" className="text-ui-fg-subtle">
          New customers in this file who are probably already in the store under another email — the same phone, or
          a similar name (a typo, a nickname) at the same postcode. Exclude the row, or import it and merge the two on
          Duplicate customers.
        </Text>
      </div>
      <div className="overflow-x-auto">
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell className="w-[60px]">Row</Table.HeaderCell>
              <Table.HeaderCell>In the file</Table.HeaderCell>
              <Table.HeaderCell>Already in the store</Table.HeaderCell>
              <Table.HeaderCell>Why</Table.HeaderCell>
              <Table.HeaderCell>Score</Table.HeaderCell>
              <Table.HeaderCell className="text-right"> </Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {rows.map((row) => (
              <Table.Row key={row.id} className="align-top">
                <Table.Cell className="tabular-nums text-ui-fg-subtle">{row.row_number}</Table.Cell>
                <Table.Cell>
                  <div className="flex flex-col py-2">
                    <Text size="small" weight="plus">{nameOf(row.values)}</Text>
                    <Text size="xsmall" className="text-ui-fg-subtle">
                      {[row.values.email, row.values.phone, row.values.postal_code].filter(Boolean).join(" · ")}
                    </Text>
                  </div>
                </Table.Cell>
                <Table.Cell>
                  <div className="flex flex-col gap-y-2 py-2">
                    {row.matches.map((m) => (
                      <div key={m.customer.id} className="flex flex-col">
                        <Link
                          to={`/customers/${m.customer.id}`}
                          className="text-ui-fg-interactive txt-compact-small-plus hover:underline"
                        >
                          {nameOf(m.customer)}
                        </Link>
                        <Text size="xsmall" className="text-ui-fg-subtle">
                          {[m.customer.email, m.customer.phone && formatPhone(m.customer.phone), m.customer.has_account ? "registered" : "guest"]
                            .filter(Boolean)
                            .join(" · ")}
                        </Text>
                      </div>
                    ))}
                  </div>
                </Table.Cell>
                <Table.Cell>
                  <div className="flex flex-col gap-y-2 py-2">
                    {row.matches.map((m) => (
                      <div key={m.customer.id} className="flex flex-wrap gap-1">
                        {m.reasons.map((r) => (
                          <Badge key={r.code} size="2xsmall" color="grey">{r.label}</Badge>
                        ))}
                      </div>
                    ))}
                  </div>
                </Table.Cell>
                <Table.Cell>
                  <div className="flex flex-col gap-y-2 py-2">
                    {row.matches.map((m) => (
                      <div key={m.customer.id} className="flex items-center gap-x-2">
                        <Badge size="2xsmall" color={CONFIDENCE_META[m.confidence].color}>
                          {CONFIDENCE_META[m.confidence].label}
                        </Badge>
                        <Text size="small" className="tabular-nums text-ui-fg-subtle">
                          {Math.round(m.score * 100)}%
                        </Text>
                      </div>
                    ))}
                  </div>
                </Table.Cell>
                <Table.Cell className="text-right">
                  <Button size="small" variant="transparent" isLoading={excluding === row.id} onClick={() => onExclude(row)}>
                    Exclude
                  </Button>
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </div>
      {rows.length === 0 && (
        <div className="flex flex-col items-center justify-center gap-y-1 px-6 py-12">
          <Text size="small" className="text-ui-fg-subtle">
            {list.isPending
              ? "Comparing the file with the store's customers…"
              : list.isError
                ? `Could not compare: ${errorMessage(list.error)}`
                : "No row looks like a customer the store already has."}
          </Text>
        </div>
      )}
      {count > STORE_DUPLICATES_PAGE_SIZE && (
        <ListPagination count={count} pageSize={STORE_DUPLICATES_PAGE_SIZE} pageIndex={pageIndex} setPageIndex={setPageIndex} />
      )}
    </div>
  )
}
