import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminCustomer, DetailWidgetProps } from "@medusajs/framework/types"
import { Badge, Button, Container, Heading, Text } from "@medusajs/ui"
import { toast } from "../lib/toast"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { invitationKeys, invitationsApi, invitationStatus } from "../lib/invitations"
import { errorMessage } from "../lib/sdk"

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "—")

const TRIGGER: Record<string, string> = {
  manual: "by staff",
  on_create: "when the customer was created",
  on_first_order: "on the first order",
}

/**
 * Invitation card on the customer page: whether the in-store customer was
 * invited to register (sent, link opened, registered), and "Send invitation".
 * Hidden for a customer who already has an account and was never invited.
 */
const CustomerInvitationWidget = ({ data: customer }: DetailWidgetProps<AdminCustomer>) => {
  const qc = useQueryClient()
  const state = useQuery({
    queryKey: invitationKeys.customer(customer.id),
    queryFn: () => invitationsApi.state(customer.id),
  })
  const send = useMutation({
    mutationFn: () => invitationsApi.send(customer.id),
    onSuccess: (r) => {
      toast.success(`Invitation sent to ${r.invitation.email}`)
      qc.invalidateQueries({ queryKey: invitationKeys.customer(customer.id) })
    },
    onError: (e) => toast.error("Could not send the invitation", { description: errorMessage(e) }),
  })
  const data = state.data
  const latest = data?.invitations[0]
  if (!data || (!latest && !data.invitable.ok && data.invitable.code !== "no_email")) return null
  const status = latest ? invitationStatus(latest) : null
  return (
    <Container className="divide-y p-0" data-testid="customer-invitation">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading level="h2">Invitation to register</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            An in-store customer who registers through the link gets their order history, points and balances online.
          </Text>
        </div>
        {status && <Badge color={status.color}>{status.label}</Badge>}
      </div>
      {latest && (
        <div className="grid grid-cols-2 gap-y-1 px-6 py-4">
          <Text size="small" className="text-ui-fg-subtle">Sent</Text>
          <Text size="small">
            {when(latest.created_at)} {TRIGGER[latest.trigger] ?? ""}
          </Text>
          <Text size="small" className="text-ui-fg-subtle">To</Text>
          <Text size="small">{latest.email}</Text>
          <Text size="small" className="text-ui-fg-subtle">Link opened</Text>
          <Text size="small">{when(latest.opened_at)}</Text>
          <Text size="small" className="text-ui-fg-subtle">Registered</Text>
          <Text size="small">
            {latest.registered_at ? `${when(latest.registered_at)} — joined to ${latest.account_customer_id}` : "—"}
          </Text>
          {(latest.status === "sent" || latest.status === "opened") && (
            <>
              <Text size="small" className="text-ui-fg-subtle">{latest.expired ? "Expired" : "Valid until"}</Text>
              <Text size="small">{when(latest.expires_at)}</Text>
            </>
          )}
        </div>
      )}
      <div className="flex items-center justify-between gap-x-4 px-6 py-4">
        <Text size="small" className="text-ui-fg-subtle">
          {data.invitable.ok
            ? latest
              ? "Sending again replaces the earlier link."
              : "Not invited yet."
            : data.invitable.message}
        </Text>
        <Button
          size="small"
          variant="secondary"
          disabled={!data.invitable.ok}
          isLoading={send.isPending}
          onClick={() => send.mutate()}
        >
          {latest ? "Send again" : "Send invitation"}
        </Button>
      </div>
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "customer.details.side",
  id: "customer-backoffice-invitation",
})

export default CustomerInvitationWidget
