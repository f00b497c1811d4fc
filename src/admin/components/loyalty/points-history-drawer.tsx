import { Badge, Button, Drawer, Input, Label, Select, Table, Text } from "@medusajs/ui"
import { toast } from "../../lib/toast"
import { useMutation, useQuery } from "@tanstack/react-query"
import { useEffect, useState } from "react"
import { ListPagination } from "../list-pagination"
import { formatDateTime } from "../../lib/format"
import { ENTRY_KINDS, ENTRY_KIND_META, loyaltyApi, loyaltyKeys, type EntryKind } from "../../lib/loyalty"
import { errorMessage } from "../../lib/sdk"

const PAGE = 20

export const PointsAmount = ({ points }: { points: number }) => (
  <span className={points > 0 ? "text-ui-fg-interactive" : points < 0 ? "text-ui-fg-error" : "text-ui-fg-subtle"}>
    {points > 0 ? "+" : ""}
    {points.toLocaleString()}
  </span>
)

/** The full points history: filter by kind and date range, paginated. */
export const PointsHistoryDrawer = ({
  customerId,
  open,
  onOpenChange,
}: {
  customerId: string
  open: boolean
  onOpenChange: (open: boolean) => void
}) => {
  const [kind, setKind] = useState<EntryKind | "all">("all")
  const [from, setFrom] = useState("")
  const [to, setTo] = useState("")
  const [pageIndex, setPageIndex] = useState(0)
  useEffect(() => setPageIndex(0), [kind, from, to])

  const history = useQuery({
    queryKey: [...loyaltyKeys.history(customerId), kind, from, to, pageIndex],
    queryFn: () =>
      loyaltyApi.history(customerId, {
        kind: kind === "all" ? undefined : [kind],
        from: from || undefined,
        to: to || undefined,
        limit: PAGE,
        offset: pageIndex * PAGE,
      }),
    enabled: open,
  })
  const expireNow = useMutation({
    mutationFn: () => loyaltyApi.expireNow(),
    onSuccess: () => toast.success("Points expiry started — follow it on the Background jobs page"),
    onError: (e) => toast.error(errorMessage(e)),
  })

  return (
    <Drawer open={open} onOpenChange={onOpenChange}>
      <Drawer.Content>
        <Drawer.Header>
          <Drawer.Title>Points history</Drawer.Title>
          <Drawer.Description className="sr-only">Every points entry of this customer, newest first</Drawer.Description>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-y-4 overflow-y-auto">
          <div className="flex flex-wrap items-end gap-3">
            <div className="flex flex-col gap-y-1">
              <Label size="xsmall">Kind</Label>
              <Select value={kind} onValueChange={(v) => setKind(v as EntryKind | "all")} size="small">
                <Select.Trigger className="w-40">
                  <Select.Value />
                </Select.Trigger>
                <Select.Content>
                  <Select.Item value="all">All kinds</Select.Item>
                  {ENTRY_KINDS.map((k) => (
                    <Select.Item key={k} value={k}>
                      {ENTRY_KIND_META[k].label}
                    </Select.Item>
                  ))}
                </Select.Content>
              </Select>
            </div>
            <div className="flex flex-col gap-y-1">
              <Label size="xsmall" htmlFor="cbo-pts-from">From</Label>
              <Input id="cbo-pts-from" type="date" size="small" value={from} onChange={(e) => setFrom(e.target.value)} />
            </div>
            <div className="flex flex-col gap-y-1">
              <Label size="xsmall" htmlFor="cbo-pts-to">To</Label>
              <Input id="cbo-pts-to" type="date" size="small" value={to} onChange={(e) => setTo(e.target.value)} />
            </div>
          </div>
          {history.isError && (
            <Text size="small" className="text-ui-fg-error">
              {errorMessage(history.error)}
            </Text>
          )}
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>Date</Table.HeaderCell>
                <Table.HeaderCell>Kind</Table.HeaderCell>
                <Table.HeaderCell className="text-right">Points</Table.HeaderCell>
                <Table.HeaderCell className="text-right">Balance</Table.HeaderCell>
                <Table.HeaderCell>Reason</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {(history.data?.entries ?? []).map((e) => (
                <Table.Row key={e.id}>
                  <Table.Cell className="txt-compact-xsmall">{formatDateTime(e.created_at)}</Table.Cell>
                  <Table.Cell>
                    <Badge size="2xsmall" color={ENTRY_KIND_META[e.kind].color}>
                      {ENTRY_KIND_META[e.kind].label}
                    </Badge>
                  </Table.Cell>
                  <Table.Cell className="text-right">
                    <PointsAmount points={e.points} />
                  </Table.Cell>
                  <Table.Cell className="text-right">{e.balance_after.toLocaleString()}</Table.Cell>
                  <Table.Cell>
                    <div className="flex flex-col py-1">
                      <span>{e.reason ?? "—"}</span>
                      <span className="text-ui-fg-subtle txt-compact-xsmall">
                        {e.actor_type === "user"
                          ? `by ${e.actor_name ?? "an admin"}`
                          : e.actor_type === "customer"
                            ? "by the customer"
                            : "automatic"}
                        {e.source_type === "order" && e.source_id ? ` · order ${e.source_id}` : ""}
                      </span>
                    </div>
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
          {history.data && !history.data.entries.length && (
            <Text size="small" className="text-ui-fg-subtle">
              No points entries match.
            </Text>
          )}
          <ListPagination
            count={history.data?.count ?? 0}
            pageSize={PAGE}
            pageIndex={pageIndex}
            setPageIndex={setPageIndex}
          />
        </Drawer.Body>
        <Drawer.Footer>
          <Button variant="secondary" size="small" isLoading={expireNow.isPending} onClick={() => expireNow.mutate()}>
            Run points expiry now
          </Button>
          <Drawer.Close asChild>
            <Button size="small">Close</Button>
          </Drawer.Close>
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}
