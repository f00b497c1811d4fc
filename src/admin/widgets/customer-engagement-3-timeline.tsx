import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { DetailWidgetProps, AdminCustomer } from "@medusajs/framework/types"
import { Badge, Button, Container, Heading, Select, Text, Tooltip } from "@medusajs/ui"
import { keepPreviousData, useQuery } from "@tanstack/react-query"
import { useState } from "react"
import {
  TIMELINE_FILTERS,
  TIMELINE_KIND_LABEL,
  displayValue,
  engagementApi,
  engagementKeys,
} from "../lib/engagement"
import { formatDateTime, formatRelative } from "../lib/format"
import { errorMessage } from "../lib/sdk"

const PAGE = 20

const KIND_COLOR: Record<string, "blue" | "green" | "orange" | "red" | "purple" | "grey"> = {
  profile: "blue",
  category: "purple",
  store: "purple",
  note: "grey",
  consent: "orange",
  customer: "green",
}

const CustomerTimelineWidget = ({ data: customer }: DetailWidgetProps<AdminCustomer>) => {
  const [filter, setFilter] = useState("all")
  const [limit, setLimit] = useState(PAGE)
  const kinds = TIMELINE_FILTERS.find((f) => f.value === filter)?.kinds
  const { data, isLoading, error } = useQuery({
    queryKey: [...engagementKeys.timeline(customer.id), filter, limit],
    queryFn: () =>
      engagementApi.timeline(customer.id, { kind: kinds?.join(","), limit, offset: 0 }),
    placeholderData: keepPreviousData,
  })

  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between px-6 py-4">
        <div className="flex items-center gap-x-2">
          <Heading level="h2">Timeline</Heading>
          {data && <Badge size="2xsmall" rounded="full">{data.count}</Badge>}
        </div>
        <div style={{ width: 220 }}>
          <Select
            size="small"
            value={filter}
            onValueChange={(v) => {
              setFilter(v)
              setLimit(PAGE)
            }}
          >
            <Select.Trigger aria-label="Filter by kind">
              <Select.Value />
            </Select.Trigger>
            <Select.Content>
              {TIMELINE_FILTERS.map((f) => (
                <Select.Item key={f.value} value={f.value}>{f.label}</Select.Item>
              ))}
            </Select.Content>
          </Select>
        </div>
      </div>
      {isLoading && <Text size="small" className="px-6 py-4 text-ui-fg-subtle">Loading…</Text>}
      {error && <Text size="small" className="px-6 py-4 text-ui-fg-error">{errorMessage(error)}</Text>}
      {data?.count === 0 && (
        <Text size="small" className="px-6 py-4 text-ui-fg-subtle">
          Nothing recorded{filter === "all" ? " yet" : " of this kind"}.
        </Text>
      )}
      {data?.entries.map((e) => {
        const area = e.kind.split(".")[0]
        // entries that name changed fields without values (e.g. a photo) show the summary only
        const changes = (
          e.kind === "note.updated" || e.kind === "consent.changed" ? [] : (e.data?.changes ?? [])
        ).filter((c) => "old" in c || "new" in c)
        return (
          <div key={e.id} className="flex items-start justify-between gap-x-4 px-6 py-3" data-testid="timeline-entry">
            <div className="flex min-w-0 flex-col gap-y-1">
              <div className="flex items-start gap-x-2">
                <Badge size="2xsmall" color={KIND_COLOR[area] ?? "grey"} className="shrink-0 whitespace-nowrap">
                  {TIMELINE_KIND_LABEL[e.kind] ?? e.kind}
                </Badge>
                {/* a summary that only repeats the badge ("Customer created") is not said twice */}
                {e.summary.trim().toLowerCase() !== (TIMELINE_KIND_LABEL[e.kind] ?? e.kind).toLowerCase() && (
                  <Text size="small" className="break-words">{e.summary}</Text>
                )}
              </div>
              {changes.length > 0 && (
                <div className="flex flex-col">
                  {changes.map((c, i) => (
                    <Text key={i} size="xsmall" className="text-ui-fg-subtle">
                      {c.field.replace(/_/g, " ")}: {displayValue(c.old)} → {displayValue(c.new)}
                    </Text>
                  ))}
                </div>
              )}
              <Text size="xsmall" className="text-ui-fg-muted">{e.actor_name}</Text>
            </div>
            <Tooltip content={formatDateTime(e.created_at)}>
              <Text size="xsmall" className="whitespace-nowrap text-ui-fg-muted">{formatRelative(e.created_at)}</Text>
            </Tooltip>
          </div>
        )
      })}
      {data && data.count > data.entries.length && (
        <div className="px-6 py-3">
          <Button size="small" variant="transparent" onClick={() => setLimit((l) => l + PAGE)}>
            Show older ({data.count - data.entries.length})
          </Button>
        </div>
      )}
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "customer.details.after",
  id: "customer-backoffice-timeline",
})

export default CustomerTimelineWidget
