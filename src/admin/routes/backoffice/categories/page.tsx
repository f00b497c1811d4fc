import { defineRouteConfig } from "@medusajs/admin-sdk"
import { ArrowDownTray, EllipsisHorizontal, PencilSquare, Plus, Tag, Trash } from "@medusajs/icons"
import {
  Badge,
  Button,
  Container,
  DropdownMenu,
  Heading,
  IconButton,
  Input,
  Table,
  Text,
  usePrompt,
} from "@medusajs/ui"
import { toast } from "../../../lib/toast"
import {
  keepPreviousData,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query"
import { useEffect, useState } from "react"
import { CategoryFormDrawer } from "../../../components/categories/category-form-drawer"
import {
  type CategoryOrder,
  type CustomerCategory,
  categoriesApi,
  categoryQueryKeys,
  downloadMembersCsv,
} from "../../../lib/categories"
import { formatDateTime, formatNumber } from "../../../lib/format"
import { errorMessage } from "../../../lib/sdk"
import { ListPagination } from "../../../components/list-pagination"
import { useDebounced } from "../../../hooks/timing"

const PAGE_SIZE = 20

const SortHeader = ({
  label,
  field,
  order,
  onOrder,
  className,
}: {
  label: string
  field: "name" | "customer_count"
  order: CategoryOrder
  onOrder: (o: CategoryOrder) => void
  className?: string
}) => {
  const active = order === field || order === `-${field}`
  const desc = order === `-${field}`
  return (
    <Table.HeaderCell className={className}>
      <button
        type="button"
        className="txt-compact-small-plus hover:text-ui-fg-base inline-flex items-center gap-x-1"
        onClick={() => onOrder(active && !desc ? (`-${field}` as CategoryOrder) : field)}
        aria-label={`Sort by ${label}`}
      >
        {label}
        {active && <span className="text-ui-fg-muted">{desc ? "↓" : "↑"}</span>}
      </button>
    </Table.HeaderCell>
  )
}

const CustomerCategoriesPage = () => {
  const queryClient = useQueryClient()
  const prompt = usePrompt()
  const [search, setSearch] = useState("")
  const q = useDebounced(search.trim(), 250)
  const [order, setOrder] = useState<CategoryOrder>("name")
  const [pageIndex, setPageIndex] = useState(0)
  const [editing, setEditing] = useState<CustomerCategory | "new" | null>(null)
  const [exporting, setExporting] = useState<string | null>(null)

  useEffect(() => setPageIndex(0), [q, order])

  const params = { q: q || undefined, order, limit: PAGE_SIZE, offset: pageIndex * PAGE_SIZE }
  const list = useQuery({
    queryKey: categoryQueryKeys.list(params),
    queryFn: () => categoriesApi.list(params),
    placeholderData: keepPreviousData,
  })
  const categories = list.data?.categories ?? []
  const count = list.data?.count ?? 0
  const pageCount = Math.max(1, Math.ceil(count / PAGE_SIZE))
  useEffect(() => {
    if (list.data && pageIndex > 0 && pageIndex >= pageCount) setPageIndex(pageCount - 1)
  }, [list.data, pageIndex, pageCount])

  const remove = useMutation({
    mutationFn: (c: CustomerCategory) => categoriesApi.remove(c.id),
    onSuccess: (_r, c) => {
      toast.success("Category deleted", { description: c.name })
      void queryClient.invalidateQueries({ queryKey: categoryQueryKeys.all })
    },
    onError: (error) => toast.error("Could not delete the category", { description: errorMessage(error) }),
  })

  const onDelete = async (c: CustomerCategory) => {
    const members =
      c.customer_count === 0
        ? "No customers are in it."
        : c.customer_count === 1
          ? "1 customer is in it and will no longer be in this category."
          : `${formatNumber(c.customer_count)} customers are in it and will no longer be in this category.`
    const confirmed = await prompt({
      title: `Delete the category "${c.name}"?`,
      description: `${members} The customers themselves are kept. Price lists and promotions stop applying to this category.`,
      confirmText: "Delete category",
      cancelText: "Cancel",
      variant: "danger",
    })
    if (confirmed) remove.mutate(c)
  }

  const onExport = async (c: CustomerCategory) => {
    setExporting(c.id)
    try {
      await downloadMembersCsv(c)
      toast.success("Members exported", {
        description: `${formatNumber(c.customer_count)} customer${c.customer_count === 1 ? "" : "s"} of ${c.name}`,
      })
    } catch (error) {
      toast.error("Could not export the members", { description: errorMessage(error) })
    } finally {
      setExporting(null)
    }
  }

  return (
    <Container className="divide-y p-0">
      <div className="flex flex-wrap items-center justify-between gap-4 px-6 py-4">
        <div className="flex flex-col gap-y-1">
          <Heading level="h1">Customer categories</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Group customers for tracking, reporting, price lists and promotions.
          </Text>
        </div>
        <Button size="small" variant="secondary" onClick={() => setEditing("new")}>
          <Plus />
          Add a category
        </Button>
      </div>
      <div className="flex items-center gap-2 px-6 py-4">
        <div className="w-[260px]">
          <Input
            size="small"
            type="search"
            placeholder="Search categories"
            aria-label="Search categories by name"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
        </div>
      </div>
      <div className="overflow-x-auto">
        <Table>
          <Table.Header>
            <Table.Row>
              <SortHeader label="Name" field="name" order={order} onOrder={setOrder} />
              <Table.HeaderCell>Description</Table.HeaderCell>
              <SortHeader
                label="Customers"
                field="customer_count"
                order={order}
                onOrder={setOrder}
                className="text-right"
              />
              <Table.HeaderCell>Updated</Table.HeaderCell>
              <Table.HeaderCell className="text-right">
                <span className="sr-only">Actions</span>
              </Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {categories.map((c) => (
              <Table.Row
                key={c.id}
                className={c.managed_by ? undefined : "cursor-pointer"}
                onClick={() => !c.managed_by && setEditing(c)}
              >
                <Table.Cell className="max-w-[220px]">
                  <Text size="small" leading="compact" weight="plus" className="truncate" title={c.name}>
                    {c.name}
                  </Text>
                  {c.managed_by && (
                    <Badge size="2xsmall" color="purple" className="mt-1 whitespace-nowrap" title="Kept in step with trade accounts">
                      Managed by trade terms
                    </Badge>
                  )}
                </Table.Cell>
                <Table.Cell className="max-w-[420px]">
                  {c.managed_by ? (
                    <span className="text-ui-fg-subtle">
                      Members follow each customer&apos;s trade terms: change them in the customer&apos;s Account card
                    </span>
                  ) : c.description ? (
                    <span className="block truncate" title={c.description}>
                      {c.description}
                    </span>
                  ) : (
                    <span className="text-ui-fg-muted">–</span>
                  )}
                </Table.Cell>
                <Table.Cell className="text-right tabular-nums">{formatNumber(c.customer_count)}</Table.Cell>
                <Table.Cell className="whitespace-nowrap">{formatDateTime(c.updated_at)}</Table.Cell>
                <Table.Cell className="text-right" onClick={(e) => e.stopPropagation()}>
                  <div className="flex items-center justify-end gap-x-2">
                    <Button
                      size="small"
                      variant="secondary"
                      isLoading={exporting === c.id}
                      disabled={c.customer_count === 0}
                      title={c.customer_count === 0 ? "No customers in this category" : undefined}
                      onClick={() => void onExport(c)}
                    >
                      <ArrowDownTray />
                      Export members (CSV)
                    </Button>
                    {!c.managed_by && (
                    <DropdownMenu>
                      <DropdownMenu.Trigger asChild>
                        <IconButton size="small" variant="transparent" aria-label={`Actions for ${c.name}`}>
                          <EllipsisHorizontal />
                        </IconButton>
                      </DropdownMenu.Trigger>
                      <DropdownMenu.Content align="end">
                        <DropdownMenu.Item className="gap-x-2" onClick={() => setEditing(c)}>
                          <PencilSquare className="text-ui-fg-subtle" />
                          Edit
                        </DropdownMenu.Item>
                        <DropdownMenu.Separator />
                        <DropdownMenu.Item className="gap-x-2" onClick={() => void onDelete(c)}>
                          <Trash className="text-ui-fg-subtle" />
                          Delete
                        </DropdownMenu.Item>
                      </DropdownMenu.Content>
                    </DropdownMenu>
                    )}
                  </div>
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
        {categories.length === 0 && (
          <div className="flex flex-col items-center justify-center gap-y-1 px-6 py-12">
            {list.isPending ? (
              <Text size="small" className="text-ui-fg-subtle">
                Loading categories…
              </Text>
            ) : list.isError ? (
              <Text size="small" className="text-ui-fg-error">
                {errorMessage(list.error, "Could not load the categories")}
              </Text>
            ) : q ? (
              <Text size="small" className="text-ui-fg-subtle">
                No category matches “{q}”.
              </Text>
            ) : (
              <>
                <Text size="small" weight="plus">
                  No categories yet
                </Text>
                <Text size="small" className="text-ui-fg-subtle">
                  Add a category such as “VIP” or “Wholesale” to group your customers.
                </Text>
              </>
            )}
          </div>
        )}
      </div>
      {count > 0 && (
        <ListPagination count={count} pageSize={PAGE_SIZE} pageIndex={pageIndex} setPageIndex={setPageIndex} />
      )}
      <CategoryFormDrawer target={editing} onClose={() => setEditing(null)} />
    </Container>
  )
}

export const config = defineRouteConfig({
  label: "Customer categories",
  icon: Tag,
  nested: "/customers",
  // sidebar order under Customers (a number literal: the admin build reads it as written); see README
  rank: 2,
})

export default CustomerCategoriesPage
