import { defineRouteConfig } from "@medusajs/admin-sdk"
import { BuildingStorefront } from "@medusajs/icons"
import { Badge, Button, Container, Heading, Select, Table, Text, Tooltip } from "@medusajs/ui"
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query"
import { useState } from "react"
import { Link } from "react-router-dom"
import { ListPagination } from "../../../components/list-pagination"
import { PermissionTooltip } from "../../../components/permission-tooltip"
import { ApproveDrawer, RejectDrawer } from "../../../components/trade-accounts/decision-drawers"
import { RegisterTradeDrawer } from "../../../components/trade-accounts/register-drawer"
import { formatDate, formatDateTime } from "../../../lib/format"
import { PERMISSIONS, usePermissions } from "../../../lib/permissions"
import { errorMessage } from "../../../lib/sdk"
import {
  APPLICATION_STATUS_META,
  type ApplicationStatus,
  type TradeApplication,
  tradeApi,
  tradeKeys,
} from "../../../lib/trade-accounts"

const PAGE_SIZE = 20
type Filter = "all" | ApplicationStatus

const age = (days: number) => (days === 0 ? "Today" : days === 1 ? "1 day" : `${days} days`)

/** Trade applications: pending first (longest waiting first), approve with terms or reject with a reason. */
const TradeApplicationsPage = () => {
  const qc = useQueryClient()
  const [filter, setFilter] = useState<Filter>("all")
  const [pageIndex, setPageIndex] = useState(0)
  const offset = pageIndex * PAGE_SIZE
  const [approving, setApproving] = useState<TradeApplication | null>(null)
  const [rejecting, setRejecting] = useState<TradeApplication | null>(null)
  const [registering, setRegistering] = useState(false)
  const canDecide = usePermissions().can(PERMISSIONS.approveTradeAccount)
  const params = { status: filter === "all" ? undefined : filter, limit: PAGE_SIZE, offset }
  const list = useQuery({
    queryKey: tradeKeys.applications(params),
    queryFn: () => tradeApi.list(params),
    placeholderData: keepPreviousData,
  })
  const refresh = () => qc.invalidateQueries({ queryKey: tradeKeys.all })
  const rows = list.data?.applications ?? []

  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading>Trade applications</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {list.data ? `${list.data.pending_count} awaiting approval` : "Applications from the website and staff"}
          </Text>
        </div>
        <div className="flex items-center gap-x-2">
        <PermissionTooltip allowed={canDecide}>
          <Button size="small" variant="secondary" disabled={!canDecide} onClick={() => setRegistering(true)}>
            Register trade customer
          </Button>
        </PermissionTooltip>
        <Select
          size="small"
          value={filter}
          onValueChange={(v) => {
            setFilter(v as Filter)
            setPageIndex(0)
          }}
        >
          <Select.Trigger className="w-48">
            <Select.Value />
          </Select.Trigger>
          <Select.Content>
            <Select.Item value="all">All (pending first)</Select.Item>
            <Select.Item value="pending">Pending Approval</Select.Item>
            <Select.Item value="approved">Approved</Select.Item>
            <Select.Item value="rejected">Rejected</Select.Item>
          </Select.Content>
        </Select>
        </div>
      </div>
      {list.isError ? (
        <Text className="text-ui-fg-error px-6 py-4">{errorMessage(list.error)}</Text>
      ) : (
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Status</Table.HeaderCell>
              <Table.HeaderCell>Age</Table.HeaderCell>
              <Table.HeaderCell>Company</Table.HeaderCell>
              <Table.HeaderCell>VAT number</Table.HeaderCell>
              <Table.HeaderCell>Applicant</Table.HeaderCell>
              <Table.HeaderCell>Possible duplicates</Table.HeaderCell>
              <Table.HeaderCell className="text-right">Actions</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {rows.length === 0 && (
              <Table.Row>
                <td colSpan={7} className="px-6 py-6">
                  <Text size="small" className="text-ui-fg-subtle">
                    {list.isLoading ? "Loading…" : "No applications"}
                  </Text>
                </td>
              </Table.Row>
            )}
            {rows.map((a) => (
              <Table.Row key={a.id}>
                <Table.Cell>
                  <Badge size="2xsmall" color={APPLICATION_STATUS_META[a.status].color}>
                    {APPLICATION_STATUS_META[a.status].label}
                  </Badge>
                </Table.Cell>
                <Table.Cell>
                  <Tooltip content={formatDateTime(a.created_at)}>
                    <span>{a.status === "pending" ? age(a.age_days) : formatDate(a.decided_at)}</span>
                  </Tooltip>
                </Table.Cell>
                <Table.Cell>
                  <div className="flex flex-col">
                    <span>{a.company_name}</span>
                    {a.company_number && (
                      <Text size="xsmall" className="text-ui-fg-subtle">No. {a.company_number}</Text>
                    )}
                  </div>
                </Table.Cell>
                <Table.Cell>{a.vat_number ?? "–"}</Table.Cell>
                <Table.Cell>
                  <Link to={`/customers/${a.customer_id}`} className="text-ui-fg-interactive">
                    {a.applicant?.name ?? a.email}
                  </Link>
                  <Text size="xsmall" className="text-ui-fg-subtle">
                    {a.email}
                    {a.source === "admin" ? " · registered by staff" : ""}
                  </Text>
                </Table.Cell>
                <Table.Cell>
                  {a.duplicates.length === 0
                    ? "–"
                    : a.duplicates.map((d) => (
                        <div key={d.customer_id}>
                          <Link to={`/customers/${d.customer_id}`} className="text-ui-fg-interactive">
                            {d.match === "email" ? d.email : d.company_name}
                          </Link>{" "}
                          <Text size="xsmall" as="span" className="text-ui-fg-subtle">
                            (same {d.match})
                          </Text>
                        </div>
                      ))}
                </Table.Cell>
                <Table.Cell className="text-right">
                  {a.status === "pending" ? (
                    <div className="flex justify-end gap-x-2">
                      <PermissionTooltip allowed={canDecide}>
                        <Button size="small" variant="secondary" disabled={!canDecide} onClick={() => setRejecting(a)}>
                          Reject
                        </Button>
                      </PermissionTooltip>
                      <PermissionTooltip allowed={canDecide}>
                        <Button size="small" disabled={!canDecide} onClick={() => setApproving(a)}>
                          Approve
                        </Button>
                      </PermissionTooltip>
                    </div>
                  ) : (
                    <Text size="xsmall" className="text-ui-fg-subtle">
                      {a.status === "rejected" ? `Rejected: ${a.rejection_reason}` : "Approved"}
                      {a.decided_by_name ? ` by ${a.decided_by_name}` : ""}
                    </Text>
                  )}
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      <ListPagination
        count={list.data?.count ?? 0}
        pageSize={PAGE_SIZE}
        pageIndex={pageIndex}
        setPageIndex={setPageIndex}
      />
      <ApproveDrawer application={approving} onOpenChange={(o) => !o && setApproving(null)} onDone={refresh} />
      <RejectDrawer application={rejecting} onOpenChange={(o) => !o && setRejecting(null)} onDone={refresh} />
      <RegisterTradeDrawer open={registering} onOpenChange={setRegistering} onDone={refresh} />
    </Container>
  )
}

export const config = defineRouteConfig({
  label: "Trade applications",
  icon: BuildingStorefront,
  nested: "/customers",
  // sidebar order under Customers (a number literal: the admin build reads it as written); see README
  rank: 5,
})

export default TradeApplicationsPage
