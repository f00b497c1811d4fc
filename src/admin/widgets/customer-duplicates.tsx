import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminCustomer, DetailWidgetProps } from "@medusajs/framework/types"
import { Container, Heading, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { Link } from "react-router-dom"
import { useState } from "react"
import { DuplicateGroupRow } from "../components/duplicates/duplicate-group-row"
import { MergeDrawer } from "../components/duplicates/merge-drawer"
import { MergeHistory } from "../components/duplicates/merge-history"
import { useDismissDuplicate } from "../hooks/use-dismiss-duplicate"
import { duplicateKeys, duplicatesApi, type DuplicateGroup } from "../lib/duplicates"
import { errorMessage } from "../lib/sdk"

/** Duplicates card on the customer page: this customer's possible duplicates from the last scan. */
const CustomerDuplicatesWidget = ({ data: customer }: DetailWidgetProps<AdminCustomer>) => {
  const [merging, setMerging] = useState<DuplicateGroup | null>(null)
  const params = { customer_id: customer.id, limit: 10, offset: 0 }
  const list = useQuery({
    queryKey: duplicateKeys.list(params),
    queryFn: () => duplicatesApi.list(params),
  })
  const { dismiss, pendingFor } = useDismissDuplicate()
  const groups = list.data?.groups ?? []
  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">Duplicates</Heading>
        <Link to="/backoffice/duplicates" className="text-ui-fg-interactive txt-compact-small hover:underline">
          All duplicates
        </Link>
      </div>
      {list.isError && <Text className="text-ui-fg-error px-6 py-4">{errorMessage(list.error)}</Text>}
      {!list.isLoading && !list.isError && !groups.length && (
        <Text size="small" className="text-ui-fg-subtle px-6 py-4">
          No possible duplicates found for this customer.
        </Text>
      )}
      {groups.map((g) => (
        <DuplicateGroupRow
          key={g.id}
          group={g}
          currentCustomerId={customer.id}
          onDismiss={dismiss}
          dismissing={pendingFor(g.id)}
          onMerge={setMerging}
        />
      ))}
      <MergeHistory customerId={customer.id} />
      {merging && (
        <MergeDrawer
          // the customer whose page this is stays
          primary={customer}
          secondaries={merging.customers.filter((c) => c.id !== customer.id)}
          open={!!merging}
          onOpenChange={(o) => !o && setMerging(null)}
        />
      )}
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "customer.details.side",
  id: "customer-backoffice-duplicates",
})

export default CustomerDuplicatesWidget
