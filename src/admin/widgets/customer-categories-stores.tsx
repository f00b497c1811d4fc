import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { DetailWidgetProps } from "@medusajs/framework/types"
import { XMarkMini } from "@medusajs/icons"
import {
  Badge,
  Checkbox,
  Container,
  Heading,
  Label,
  Select,
  Text,
  Tooltip,
} from "@medusajs/ui"
import { toast } from "../lib/toast"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useMemo, useState } from "react"
import { Link } from "react-router-dom"
import { CategoryFormDrawer } from "../components/categories/category-form-drawer"
import { categoriesApi, categoryQueryKeys } from "../lib/categories"
import { errorMessage } from "../lib/sdk"

type CustomerLite = { id: string }

const ADD_NEW = "__add_new__"

/** Customer page side panel: the customer's categories and stores. */
const CustomerCategoriesStoresWidget = ({ data }: DetailWidgetProps<CustomerLite>) => {
  const customerId = data.id
  const queryClient = useQueryClient()
  const [pick, setPick] = useState<string>("")
  const [creating, setCreating] = useState(false)

  const mine = useQuery({
    queryKey: categoryQueryKeys.ofCustomer(customerId),
    queryFn: () => categoriesApi.ofCustomer(customerId),
  })
  const all = useQuery({
    queryKey: categoryQueryKeys.list({ order: "name", limit: 200 }),
    queryFn: () => categoriesApi.list({ order: "name", limit: 200 }),
  })
  const stores = useQuery({
    queryKey: categoryQueryKeys.storesOfCustomer(customerId),
    queryFn: () => categoriesApi.storesOfCustomer(customerId),
  })
  const channels = useQuery({
    queryKey: categoryQueryKeys.salesChannels(),
    queryFn: categoriesApi.salesChannels,
    staleTime: 60_000,
  })

  const current = mine.data?.categories ?? []
  const currentIds = current.map((c) => c.id)
  const available = useMemo(
    () => (all.data?.categories ?? []).filter((c) => !currentIds.includes(c.id)),
    [all.data, currentIds]
  )

  const setCategories = useMutation({
    mutationFn: (ids: string[]) => categoriesApi.setOfCustomer(customerId, ids),
    onSuccess: (res) => {
      queryClient.setQueryData(categoryQueryKeys.ofCustomer(customerId), res)
      void queryClient.invalidateQueries({ queryKey: categoryQueryKeys.all })
      // Medusa's own "Customer groups" section shows the same membership.
      void queryClient.invalidateQueries({ queryKey: ["customer_groups"] })
      void queryClient.invalidateQueries({ queryKey: ["customers"] })
    },
    onError: (error) =>
      toast.error("Could not change the categories", { description: errorMessage(error) }),
  })

  const assigned = stores.data?.sales_channel_ids ?? []
  const setStores = useMutation({
    mutationFn: (ids: string[]) => categoriesApi.setStoresOfCustomer(customerId, ids),
    onSuccess: (res) => {
      queryClient.setQueryData(categoryQueryKeys.storesOfCustomer(customerId), res)
    },
    onError: (error) =>
      toast.error("Could not change the stores", { description: errorMessage(error) }),
  })

  const toggleStore = (id: string, on: boolean) => {
    const next = on ? [...new Set([...assigned, id])] : assigned.filter((s) => s !== id)
    if (next.length === 0) {
      toast.warning("At least one store must remain assigned to the customer")
      return
    }
    setStores.mutate(next)
  }

  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">Categories &amp; stores</Heading>
      </div>

      <div className="flex flex-col gap-y-3 px-6 py-4">
        <div className="flex items-center justify-between">
          <Text size="small" weight="plus" leading="compact">
            Categories
          </Text>
          <Link to="/backoffice/categories" className="txt-compact-small text-ui-fg-interactive hover:text-ui-fg-interactive-hover">
            Manage
          </Link>
        </div>
        {mine.isPending ? (
          <Text size="small" className="text-ui-fg-subtle">
            Loading…
          </Text>
        ) : current.length ? (
          <div className="flex flex-wrap gap-1.5">
            {current.map((c) => (
              <Badge key={c.id} size="2xsmall" className="gap-x-0.5 pr-0.5">
                <span title={c.description ?? undefined}>{c.name}</span>
                <button
                  type="button"
                  aria-label={`Remove from ${c.name}`}
                  className="text-ui-fg-muted hover:text-ui-fg-base rounded-sm"
                  disabled={setCategories.isPending}
                  onClick={() => setCategories.mutate(currentIds.filter((id) => id !== c.id))}
                >
                  <XMarkMini />
                </button>
              </Badge>
            ))}
          </div>
        ) : (
          <Text size="small" className="text-ui-fg-subtle">
            Not in any category.
          </Text>
        )}
        <Select
          size="small"
          value={pick}
          disabled={setCategories.isPending}
          onValueChange={(v) => {
            if (v === ADD_NEW) {
              // as in the back office: "Add New" creates a category and assigns it
              setPick("")
              setCreating(true)
              return
            }
            setPick("")
            setCategories.mutate([...currentIds, v])
          }}
        >
          <Select.Trigger aria-label="Add to a category">
            <Select.Value placeholder="Add to a category…" />
          </Select.Trigger>
          <Select.Content>
            {available.map((c) => (
              <Select.Item key={c.id} value={c.id}>
                {c.name}
              </Select.Item>
            ))}
            <Select.Item value={ADD_NEW}>« Add new category »</Select.Item>
          </Select.Content>
        </Select>
      </div>

      <div className="flex flex-col gap-y-3 px-6 py-4">
        <div className="flex flex-col gap-y-0.5">
          <Text size="small" weight="plus" leading="compact">
            Stores
          </Text>
          <Text size="xsmall" className="text-ui-fg-subtle">
            Where this customer does business. At least one must remain.
          </Text>
        </div>
        {stores.isPending || channels.isPending ? (
          <Text size="small" className="text-ui-fg-subtle">
            Loading…
          </Text>
        ) : (
          <ul className="flex flex-col gap-y-2">
            {(channels.data?.sales_channels ?? []).map((sc) => {
              const checked = assigned.includes(sc.id)
              const last = checked && assigned.length === 1
              const box = (
                <div className="flex items-center gap-x-2">
                  <Checkbox
                    id={`store-${sc.id}`}
                    checked={checked}
                    disabled={last || setStores.isPending}
                    onCheckedChange={(v) => toggleStore(sc.id, v === true)}
                  />
                  <Label htmlFor={`store-${sc.id}`} size="small" className={last ? "text-ui-fg-subtle" : undefined}>
                    {sc.name}
                  </Label>
                  {sc.is_disabled && (
                    <Badge size="2xsmall" color="grey">
                      Disabled
                    </Badge>
                  )}
                </div>
              )
              return (
                <li key={sc.id}>
                  {last ? (
                    <Tooltip content="The last store cannot be removed: a customer belongs to at least one store.">
                      {box}
                    </Tooltip>
                  ) : (
                    box
                  )}
                </li>
              )
            })}
          </ul>
        )}
        {stores.data && assigned.length === 0 && (
          <Text size="xsmall" className="text-ui-fg-subtle">
            No store assigned yet: tick one or more.
          </Text>
        )}
      </div>
      <CategoryFormDrawer
        target={creating ? "new" : null}
        onClose={() => setCreating(false)}
        onSaved={(category) => setCategories.mutate([...currentIds, category.id])}
      />
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "customer.details.side",
  id: "customer-backoffice-categories-stores",
})

export default CustomerCategoriesStoresWidget
