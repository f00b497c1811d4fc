import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { DetailWidgetProps, AdminCustomer } from "@medusajs/framework/types"
import {
  Button,
  Container,
  Heading,
  Select,
  StatusBadge,
  Switch,
  Label,
  Text,
  Tooltip,
  usePrompt,
} from "@medusajs/ui"
import { toast } from "../lib/toast"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useState } from "react"
import {
  SOURCE_LABEL,
  SUBSCRIPTION_META,
  type Subscription,
  type SubscriptionStatus,
  engagementApi,
  engagementKeys,
} from "../lib/engagement"
import { formatDateTime, formatRelative } from "../lib/format"
import { apiGet, errorMessage } from "../lib/sdk"

type GroupLite = { id: string; name: string }
const HISTORY_PAGE = 5

const CustomerMarketingWidget = ({ data: customer }: DetailWidgetProps<AdminCustomer>) => {
  const qc = useQueryClient()
  const prompt = usePrompt()
  const [groupId, setGroupId] = useState<string>("")
  const [historyLimit, setHistoryLimit] = useState(HISTORY_PAGE)

  const consent = useQuery({
    queryKey: engagementKeys.consent(customer.id),
    queryFn: () => engagementApi.consent(customer.id),
  })
  const history = useQuery({
    queryKey: [...engagementKeys.consentHistory(customer.id), historyLimit],
    queryFn: () => engagementApi.consentHistory(customer.id, historyLimit),
  })
  const groups = useQuery({
    queryKey: ["cbo", "customer-groups", "all"],
    queryFn: () =>
      apiGet<{ customer_groups: GroupLite[] }>("/admin/customer-groups", {
        limit: 200,
        fields: "id,name",
        order: "name",
      }),
  })

  const refresh = () => {
    qc.invalidateQueries({ queryKey: engagementKeys.consent(customer.id) })
    qc.invalidateQueries({ queryKey: engagementKeys.consentHistory(customer.id) })
    qc.invalidateQueries({ queryKey: engagementKeys.timeline(customer.id) })
  }
  const optOut = useMutation({
    mutationFn: (value: boolean) => engagementApi.setOptOut(customer.id, value),
    onSuccess: (_d, value) => {
      toast.success(value ? "Opted out of email marketing" : "Email marketing allowed")
      refresh()
    },
    onError: (e) => toast.error(errorMessage(e)),
  })
  const setSub = useMutation({
    mutationFn: (v: { group: string; status: SubscriptionStatus }) =>
      engagementApi.setSubscription(customer.id, v.group, v.status),
    onSuccess: (_d, v) => {
      toast.success(
        v.status === "pending"
          ? "Confirmation email sent"
          : v.status === "confirmed"
            ? "Subscribed"
            : "Unsubscribed"
      )
      setGroupId("")
      refresh()
    },
    onError: (e) => toast.error(errorMessage(e)),
  })
  const unsubscribeAll = useMutation({
    mutationFn: () => engagementApi.unsubscribeAll(customer.id),
    onSuccess: () => {
      toast.success("Unsubscribed from all mailings and opted out")
      refresh()
    },
    onError: (e) => toast.error(errorMessage(e)),
  })

  const state = consent.data?.consent
  const subs = state?.subscriptions ?? []
  const subscribedIds = new Set(subs.filter((s) => s.status !== "unsubscribed").map((s) => s.customer_group_id))
  const available = (groups.data?.customer_groups ?? []).filter((g) => !subscribedIds.has(g.id))

  const confirmUnsubscribeAll = async () => {
    const ok = await prompt({
      title: "Unsubscribe from all and opt out?",
      description: `${customer.email ?? "This customer"} will be removed from every category mailing and marked as not wanting email marketing. This is recorded in the consent history.`,
      confirmText: "Unsubscribe and opt out",
      cancelText: "Cancel",
    })
    if (ok) unsubscribeAll.mutate()
  }

  const subDate = (s: Subscription) =>
    s.status === "confirmed"
      ? s.confirmed_at
      : s.status === "unsubscribed"
        ? s.unsubscribed_at
        : s.updated_at

  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">Marketing</Heading>
        <Button
          size="small"
          variant="secondary"
          onClick={confirmUnsubscribeAll}
          isLoading={unsubscribeAll.isPending}
          disabled={!state || (state.marketing_opt_out && subscribedIds.size === 0)}
        >
          Unsubscribe from all and opt out
        </Button>
      </div>
      {consent.error && (
        <Text size="small" className="px-6 py-4 text-ui-fg-error">{errorMessage(consent.error)}</Text>
      )}
      <div className="flex items-center justify-between gap-x-4 px-6 py-4">
        <div className="flex flex-col">
          <Label htmlFor="cbo-opt-out" size="small" weight="plus">Does not want email marketing</Label>
          <Text size="small" className="text-ui-fg-subtle">
            {state?.marketing_opt_out
              ? "Opted out: never included in subscriber exports."
              : "May receive the mailings of the categories below."}
          </Text>
        </div>
        <Switch
          id="cbo-opt-out"
          checked={!!state?.marketing_opt_out}
          disabled={!state || optOut.isPending}
          onCheckedChange={(v) => optOut.mutate(v)}
        />
      </div>
      <div className="flex flex-col gap-y-3 px-6 py-4">
        <Text size="small" weight="plus">Category mailings</Text>
        {subs.length === 0 && (
          <Text size="small" className="text-ui-fg-subtle">Not subscribed to any category mailing.</Text>
        )}
        {subs.map((s) => (
          <div key={s.id} className="flex items-center justify-between gap-x-4">
            <div className="flex min-w-0 items-center gap-x-3">
              <Text size="small" className="truncate">{s.category_name ?? s.customer_group_id}</Text>
              <StatusBadge color={SUBSCRIPTION_META[s.status].color} className="whitespace-nowrap">
                {SUBSCRIPTION_META[s.status].label}
              </StatusBadge>
              <Tooltip content={formatDateTime(subDate(s))}>
                <Text size="xsmall" className="text-ui-fg-muted">{formatRelative(subDate(s))}</Text>
              </Tooltip>
            </div>
            <div className="flex shrink-0 gap-x-2">
              {s.status !== "confirmed" && (
                <Button
                  size="small"
                  variant="transparent"
                  onClick={() => setSub.mutate({ group: s.customer_group_id, status: "confirmed" })}
                >
                  Subscribe
                </Button>
              )}
              {s.status !== "unsubscribed" && (
                <Button
                  size="small"
                  variant="transparent"
                  onClick={() => setSub.mutate({ group: s.customer_group_id, status: "unsubscribed" })}
                >
                  Unsubscribe
                </Button>
              )}
            </div>
          </div>
        ))}
        <div className="flex items-center gap-x-2">
          <div className="flex-1">
            <Select value={groupId} onValueChange={setGroupId} size="small">
              <Select.Trigger aria-label="Category">
                <Select.Value placeholder={available.length ? "Add a category mailing…" : "No other categories"} />
              </Select.Trigger>
              <Select.Content>
                {available.map((g) => (
                  <Select.Item key={g.id} value={g.id}>{g.name}</Select.Item>
                ))}
              </Select.Content>
            </Select>
          </div>
          <Tooltip content="The customer gave consent to you: subscribed at once">
            <Button
              size="small"
              variant="secondary"
              disabled={!groupId}
              onClick={() => setSub.mutate({ group: groupId, status: "confirmed" })}
            >
              Subscribe
            </Button>
          </Tooltip>
          <Tooltip content="Email the customer a link to confirm (double opt-in)">
            <Button
              size="small"
              variant="secondary"
              disabled={!groupId || !customer.email}
              onClick={() => setSub.mutate({ group: groupId, status: "pending" })}
            >
              Send confirmation
            </Button>
          </Tooltip>
        </div>
      </div>
      <div className="flex flex-col gap-y-2 px-6 py-4">
        <Text size="small" weight="plus">Consent history</Text>
        {history.data?.count === 0 && (
          <Text size="small" className="text-ui-fg-subtle">No consent changes recorded yet.</Text>
        )}
        {history.data?.events.map((e) => (
          <div key={e.id} className="flex items-start justify-between gap-x-4" data-testid="consent-event">
            <div className="flex flex-col">
              <Text size="small">{e.description}</Text>
              <Text size="xsmall" className="text-ui-fg-subtle">
                {SOURCE_LABEL[e.source] ?? e.source}
                {e.actor_name ? ` · ${e.actor_name}` : ""}
              </Text>
            </div>
            <Tooltip content={formatDateTime(e.created_at)}>
              <Text size="xsmall" className="whitespace-nowrap text-ui-fg-muted">{formatRelative(e.created_at)}</Text>
            </Tooltip>
          </div>
        ))}
        {history.data && history.data.count > history.data.events.length && (
          <div>
            <Button size="small" variant="transparent" onClick={() => setHistoryLimit((l) => l + 20)}>
              Show more ({history.data.count - history.data.events.length})
            </Button>
          </div>
        )}
      </div>
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "customer.details.after",
  id: "customer-backoffice-marketing",
})

export default CustomerMarketingWidget
