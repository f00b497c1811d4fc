import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminCustomer, DetailWidgetProps } from "@medusajs/framework/types"
import { Badge, Button, Container, Heading, Label, Switch, Text } from "@medusajs/ui"
import { toast } from "../lib/toast"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useState } from "react"
import { AdjustPointsDrawer } from "../components/loyalty/adjust-points-drawer"
import { PermissionTooltip } from "../components/permission-tooltip"
import { Barcode } from "../components/loyalty/barcode"
import { EditCodeDrawer } from "../components/loyalty/edit-code-drawer"
import { PointsAmount, PointsHistoryDrawer } from "../components/loyalty/points-history-drawer"
import { formatDate } from "../lib/format"
import { ENTRY_KIND_META, formatMoney, loyaltyApi, loyaltyKeys } from "../lib/loyalty"
import { PERMISSIONS, usePermissions } from "../lib/permissions"
import { errorMessage } from "../lib/sdk"

/** Loyalty card on the customer page: enrolment, balance and value, expiring points, code + barcode, history. */
const CustomerLoyaltyWidget = ({ data: customer }: DetailWidgetProps<AdminCustomer>) => {
  const qc = useQueryClient()
  const [adjustOpen, setAdjustOpen] = useState(false)
  const [codeOpen, setCodeOpen] = useState(false)
  const [historyOpen, setHistoryOpen] = useState(false)
  const canAdjust = usePermissions().can(PERMISSIONS.adjustPoints)

  const card = useQuery({
    queryKey: loyaltyKeys.card(customer.id),
    queryFn: () => loyaltyApi.card(customer.id),
  })
  const recent = useQuery({
    queryKey: [...loyaltyKeys.history(customer.id), "recent"],
    queryFn: () => loyaltyApi.history(customer.id, { limit: 5, offset: 0 }),
  })
  const refresh = () => {
    qc.invalidateQueries({ queryKey: ["cbo", "loyalty", customer.id] })
    qc.invalidateQueries({ queryKey: ["cbo", "customer", customer.id, "timeline"] })
  }
  const enroll = useMutation({
    mutationFn: (enrolled: boolean) => loyaltyApi.update(customer.id, { enrolled }),
    onSuccess: (r) => {
      toast.success(r.loyalty.enrolled ? "Enrolled in loyalty" : "Removed from the loyalty program")
      refresh()
    },
    onError: (e) => toast.error(errorMessage(e)),
  })

  const s = card.data?.loyalty
  return (
    <Container className="divide-y p-0" data-testid="cbo-loyalty-card">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">Loyalty</Heading>
        <div className="flex items-center gap-x-2">
          <Label htmlFor="cbo-loyalty-enrolled" size="small">
            Enrolled
          </Label>
          <Switch
            id="cbo-loyalty-enrolled"
            checked={!!s?.enrolled}
            disabled={!s || enroll.isPending}
            onCheckedChange={(v) => enroll.mutate(v)}
          />
        </div>
      </div>
      {card.isError && (
        <div className="px-6 py-4">
          <Text size="small" className="text-ui-fg-error">
            {errorMessage(card.error)}
          </Text>
        </div>
      )}
      {s && (
        <>
          <div className="grid grid-cols-2 gap-4 px-6 py-4">
            <div className="flex flex-col">
              <Text size="small" className="text-ui-fg-subtle">
                Balance
              </Text>
              <Text size="xlarge" weight="plus" data-testid="cbo-loyalty-balance">
                {s.balance.toLocaleString()} pts
              </Text>
            </div>
            <div className="flex flex-col">
              <Text size="small" className="text-ui-fg-subtle">
                Value
              </Text>
              <Text size="xlarge" weight="plus">
                {formatMoney(s.value, s.currency_code)}
              </Text>
            </div>
            <div className="col-span-2 flex flex-col">
              <Text size="small" className="text-ui-fg-subtle">
                Expiring in the next {s.expiring_soon_days} days
              </Text>
              <Text size="small" weight="plus">
                {s.expiring_soon ? `${s.expiring_soon.toLocaleString()} pts` : "None"}
                {s.next_expiry && (
                  <span className="text-ui-fg-subtle font-normal">
                    {" "}
                    · next: {s.next_expiry.points.toLocaleString()} pts on {formatDate(s.next_expiry.expires_at)}
                  </span>
                )}
              </Text>
            </div>
          </div>
          <div className="flex flex-col gap-y-2 px-6 py-4">
            <div className="flex items-center justify-between">
              <Text size="small" className="text-ui-fg-subtle">
                Account code
              </Text>
              <Button variant="transparent" size="small" onClick={() => setCodeOpen(true)}>
                Edit code
              </Button>
            </div>
            {s.code ? (
              <div className="flex justify-center rounded-md bg-ui-bg-base p-2">
                <Barcode value={s.code} />
              </div>
            ) : (
              <Text size="small" className="text-ui-fg-subtle">
                A code is created with the account (enrol the customer or add points), or scan a card with “Edit code”.
              </Text>
            )}
          </div>
          <div className="flex flex-col gap-y-2 px-6 py-4">
            <Text size="small" weight="plus">
              Recent activity
            </Text>
            {(recent.data?.entries ?? []).map((e) => (
              <div key={e.id} className="flex items-center justify-between gap-x-2">
                <div className="flex min-w-0 items-center gap-x-2">
                  <Badge size="2xsmall" color={ENTRY_KIND_META[e.kind].color}>
                    {ENTRY_KIND_META[e.kind].label}
                  </Badge>
                  <Text size="xsmall" className="text-ui-fg-subtle truncate" title={e.reason ?? ""}>
                    {formatDate(e.created_at)} · {e.reason ?? "—"}
                  </Text>
                </div>
                <Text size="small" weight="plus">
                  <PointsAmount points={e.points} />
                </Text>
              </div>
            ))}
            {recent.data && !recent.data.entries.length && (
              <Text size="small" className="text-ui-fg-subtle">
                No points yet.
              </Text>
            )}
          </div>
          <div className="flex justify-end gap-x-2 px-6 py-4">
            <Button variant="secondary" size="small" onClick={() => setHistoryOpen(true)}>
              Full history
            </Button>
            <PermissionTooltip allowed={canAdjust}>
              <Button variant="secondary" size="small" disabled={!canAdjust} onClick={() => setAdjustOpen(true)}>
                Add / remove points
              </Button>
            </PermissionTooltip>
          </div>
          <AdjustPointsDrawer
            customerId={customer.id}
            state={s}
            open={adjustOpen}
            onOpenChange={setAdjustOpen}
            onDone={refresh}
          />
          <EditCodeDrawer
            customerId={customer.id}
            code={s.code}
            open={codeOpen}
            onOpenChange={setCodeOpen}
            onDone={refresh}
          />
          <PointsHistoryDrawer customerId={customer.id} open={historyOpen} onOpenChange={setHistoryOpen} />
        </>
      )}
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "customer.details.side",
  id: "customer-backoffice-loyalty",
})

export default CustomerLoyaltyWidget
