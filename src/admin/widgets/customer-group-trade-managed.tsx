import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminCustomerGroup, DetailWidgetProps } from "@medusajs/framework/types"
import { InformationCircleSolid } from "@medusajs/icons"
import { Container, Text } from "@medusajs/ui"

/** Must match MANAGED_KEY in src/workflows/trade-accounts/terms/plan.ts. */
const MANAGED_KEY = "backoffice_trade"

/**
 * On Medusa's customer group page: a group that trade accounts keep in step
 * (price list, discount rate or free delivery) says so, so that merchants do
 * not add, remove or rename by hand what the next change of terms would undo.
 */
const CustomerGroupTradeManagedWidget = ({ data: group }: DetailWidgetProps<AdminCustomerGroup>) => {
  const kind = (group.metadata as Record<string, unknown> | null | undefined)?.[MANAGED_KEY]
  if (!kind) return null
  const what =
    kind === "price_list"
      ? "the trade customers on its price list"
      : kind === "discount"
        ? "the trade customers with this global discount"
        : "the trade customers with free delivery"
  return (
    <Container className="flex items-start gap-x-3 px-6 py-4" data-testid="cbo-trade-managed-group">
      <InformationCircleSolid className="text-ui-fg-interactive mt-0.5" />
      <div>
        <Text size="small" weight="plus">Managed by trade terms</Text>
        <Text size="small" className="text-ui-fg-subtle">
          The Customer Back Office keeps this group in step: its members are {what}, and the price list or
          automatic promotion that targets it applies their terms. Do not edit it here — change a customer&apos;s terms
          in the Account card on the customer&apos;s page; a group left without members does nothing.
        </Text>
      </div>
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "customer_group.details.before",
})

export default CustomerGroupTradeManagedWidget
