import { Badge, Button, Input, Table, Text } from "@medusajs/ui"
import { toast } from "../../lib/toast"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useEffect, useMemo, useState } from "react"
import { categoriesApi, categoryQueryKeys } from "../../lib/categories"
import { customerRecordsApi } from "../../lib/customer-records"
import { type ImportRun, type NewImportLabel, customerIoApi, customerIoKeys } from "../../lib/customer-io"
import { formatNumber } from "../../lib/format"
import { errorMessage } from "../../lib/sdk"

type Kind = "categories" | "referral_sources"

const KIND_TEXT: Record<Kind, { title: string; what: string; field: "new_categories" | "new_referral_sources" }> = {
  categories: { title: "New categories this import creates", what: "category", field: "new_categories" },
  referral_sources: {
    title: "New “How did you find us?” choices this import creates",
    what: "choice",
    field: "new_referral_sources",
  },
}

const rowsText = (n: number) => `${formatNumber(n)} ${n === 1 ? "row" : "rows"}`

/**
 * One list of new values (categories or choices): each lands in its own new
 * name, a renamed one, or an existing one (a typo) — typed in one place,
 * with the existing names suggested.
 */
const LabelList = ({
  run,
  kind,
  labels,
  existing,
}: {
  run: ImportRun
  kind: Kind
  labels: NewImportLabel[]
  existing: string[]
}) => {
  const queryClient = useQueryClient()
  const text = KIND_TEXT[kind]
  const initial = useMemo(() => Object.fromEntries(labels.map((l) => [l.name, l.map_to ?? ""])), [labels])
  const [draft, setDraft] = useState<Record<string, string>>(initial)
  useEffect(() => setDraft(initial), [initial])
  const existingByKey = useMemo(() => new Map(existing.map((n) => [n.toLowerCase(), n])), [existing])
  const changed = labels.filter((l) => (draft[l.name] ?? "").trim() !== (l.map_to ?? ""))
  const listId = `cbo-import-${kind}-names`

  const save = useMutation({
    mutationFn: () =>
      customerIoApi.setNewLabels(run.id, {
        [text.field]: changed.map((l) => ({ name: l.name, map_to: (draft[l.name] ?? "").trim() || null })),
      }),
    onSuccess: ({ import_run }) => {
      queryClient.setQueryData(customerIoKeys.importRun(run.id), { import_run })
      queryClient.invalidateQueries({ queryKey: [...customerIoKeys.importRun(run.id), "rows"] })
      toast.success("Saved", { description: "The rows using these values were checked again." })
    },
    onError: (error) => toast.error("Could not save", { description: errorMessage(error) }),
  })

  const creates = labels.filter((l) => l.creates).length
  return (
    <div className="flex flex-col gap-y-2">
      <div className="flex items-center justify-between gap-x-2">
        <div className="flex flex-col">
          <Text size="small" weight="plus">
            {text.title}: {labels.filter((l) => l.creates).map((l) => l.map_to || l.name).join(", ") || "none"}
          </Text>
          <Text size="xsmall" className="text-ui-fg-subtle">
            Your file names {formatNumber(labels.length)} {text.what === "category" ? "categories" : "choices"} this store
            does not have. Confirming the import creates {formatNumber(creates)} of them and puts the rows in them. To
            fix a typo, type the name of an existing {text.what}; to rename, type the new name.
          </Text>
        </div>
        <Button
          size="small"
          variant="secondary"
          disabled={!changed.length || run.status !== "review"}
          isLoading={save.isPending}
          onClick={() => save.mutate()}
        >
          Save {changed.length ? `(${changed.length})` : ""}
        </Button>
      </div>
      <datalist id={listId}>
        {existing.map((n) => (
          <option key={n} value={n} />
        ))}
      </datalist>
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>In your file</Table.HeaderCell>
            <Table.HeaderCell>Customers</Table.HeaderCell>
            <Table.HeaderCell className="w-[280px]">Lands in</Table.HeaderCell>
            <Table.HeaderCell>Result</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {labels.map((l) => {
            const value = draft[l.name] ?? ""
            const target = value.trim() || l.name
            const match = existingByKey.get(target.toLowerCase())
            return (
              <Table.Row key={l.name}>
                <Table.Cell>
                  <Text size="small" weight="plus">
                    {l.name}
                  </Text>
                </Table.Cell>
                <Table.Cell>
                  <Text size="small" className="tabular-nums">
                    {rowsText(l.rows)}
                  </Text>
                </Table.Cell>
                <Table.Cell>
                  <Input
                    size="small"
                    list={listId}
                    value={value}
                    placeholder={l.name}
                    aria-label={`Where “${l.name}” lands`}
                    disabled={run.status !== "review"}
                    onChange={(e) => setDraft((d) => ({ ...d, [l.name]: e.target.value }))}
                  />
                </Table.Cell>
                <Table.Cell>
                  {match ? (
                    <Badge size="2xsmall" color="blue">
                      Joins existing “{match}”
                    </Badge>
                  ) : (
                    <Badge size="2xsmall" color="green">
                      Creates “{target}”
                    </Badge>
                  )}
                </Table.Cell>
              </Table.Row>
            )
          })}
        </Table.Body>
      </Table>
    </div>
  )
}

/**
 * The review's new categories and "How did you find us?" choices: values of
 * the file the store does not have yet. Not errors — confirming the import
 * creates them (before the first customer is written).
 */
export const NewLabelsPanel = ({ run }: { run: ImportRun }) => {
  const categories = run.new_categories ?? []
  const sources = run.new_referral_sources ?? []
  const groups = useQuery({
    queryKey: categoryQueryKeys.list({ limit: 200 }),
    queryFn: () => categoriesApi.list({ limit: 200 }),
    enabled: categories.length > 0,
  })
  const choices = useQuery({
    queryKey: ["customer-backoffice", "referral-sources"],
    queryFn: () => customerRecordsApi.referralSources(),
    enabled: sources.length > 0,
  })
  if (!categories.length && !sources.length) return null
  return (
    <div className="flex flex-col gap-y-4 px-6 py-4">
      {categories.length > 0 && (
        <LabelList
          run={run}
          kind="categories"
          labels={categories}
          existing={(groups.data?.categories ?? []).map((c) => c.name)}
        />
      )}
      {sources.length > 0 && (
        <LabelList
          run={run}
          kind="referral_sources"
          labels={sources}
          existing={(choices.data?.referral_sources ?? []).map((s) => s.name)}
        />
      )}
    </div>
  )
}
