import { InformationCircleSolid } from "@medusajs/icons"
import { Badge, Button, Input, Table, Tabs, Text, Tooltip, clx } from "@medusajs/ui"
import { toast } from "../../lib/toast"
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useEffect, useMemo, useRef, useState } from "react"
import { ListPagination } from "../list-pagination"
import {
  type ImportCounts,
  type ImportRow,
  type ImportRun,
  type RowFilter,
  customerIoApi,
  customerIoKeys,
} from "../../lib/customer-io"
import { formatNumber } from "../../lib/format"
import { errorMessage } from "../../lib/sdk"
import { IMPORT_COLUMNS } from "../../../lib/customer-io/columns"
import { StoreDuplicatesTab, storeDuplicatesQuery } from "./store-duplicates-tab"

const PAGE_SIZE = 50
/** The Duplicates tab pages by groups of rows sharing an email: a page holds whole groups. */
const GROUP_PAGE_SIZE = 20

const TABS: { value: RowFilter; label: string; count: (c: Partial<ImportCounts>) => number | undefined }[] = [
  { value: "all", label: "All rows", count: (c) => c.rows },
  { value: "new", label: "New", count: (c) => c.new },
  { value: "update", label: "Updates", count: (c) => c.update },
  { value: "unchanged", label: "Unchanged", count: (c) => c.unchanged },
  { value: "invalid", label: "Invalid", count: (c) => c.invalid },
  { value: "duplicate", label: "Duplicates", count: (c) => c.duplicate },
  { value: "excluded", label: "Excluded", count: (c) => c.excluded },
]

const ACTION_META: Record<ImportRow["action"], { label: string; color: "green" | "blue" | "grey" | "red" }> = {
  new: { label: "New", color: "green" },
  update: { label: "Update", color: "blue" },
  unchanged: { label: "Unchanged", color: "grey" },
  invalid: { label: "Invalid", color: "red" },
}

type RowsPage = { rows: ImportRow[]; count: number; limit: number; offset: number }

/**
 * Step "Review": counts as filter tabs, the rows with their errors, inline
 * edits re-validated at once, exclude/include, and the choice of the winning
 * row among duplicates.
 */
export const ReviewSection = ({ run }: { run: ImportRun }) => {
  const queryClient = useQueryClient()
  // "in_store": the rows that look like a customer the store already has (its own list, see StoreDuplicatesTab)
  const [tab, setTab] = useState<RowFilter | "in_store">("all")
  const filter: RowFilter = tab === "in_store" ? "all" : tab
  const [pageIndex, setPageIndex] = useState(0)
  useEffect(() => setPageIndex(0), [filter])
  const pageSize = filter === "duplicate" ? GROUP_PAGE_SIZE : PAGE_SIZE
  const params = { filter, limit: pageSize, offset: pageIndex * pageSize }
  const rowsKey = customerIoKeys.rows(run.id, params)
  const rows = useQuery({
    queryKey: rowsKey,
    queryFn: () => customerIoApi.rows(run.id, params),
    placeholderData: keepPreviousData,
    enabled: tab !== "in_store",
  })
  const inStore = useQuery(storeDuplicatesQuery(run.id))
  const counts = run.counts ?? {}

  const columns = useMemo(() => {
    const keys = new Set((run.mapping ?? []).map((m) => m.column).filter((c): c is string => !!c))
    return IMPORT_COLUMNS.filter((c) => keys.has(c.key))
  }, [run.mapping])

  /** Applies a row answer: the row in every cached page, the counts on the run. */
  const applyRow = (row: ImportRow, newCounts: Partial<ImportCounts>) => {
    queryClient.setQueriesData<RowsPage>({ queryKey: [...customerIoKeys.importRun(run.id), "rows"] }, (page) =>
      page ? { ...page, rows: page.rows.map((r) => (r.id === row.id ? row : r)) } : page
    )
    queryClient.setQueryData<{ import_run: ImportRun }>(customerIoKeys.importRun(run.id), (d) =>
      d ? { import_run: { ...d.import_run, counts: { ...d.import_run.counts, ...newCounts } } } : d
    )
  }
  const update = useMutation({
    mutationFn: (v: { row: Pick<ImportRow, "id">; values?: Record<string, string>; excluded?: boolean }) =>
      customerIoApi.updateRow(run.id, v.row.id, { values: v.values, excluded: v.excluded }),
    onSuccess: ({ row, counts }) => {
      applyRow(row, counts)
      refreshInStore()
    },
    onError: (error) => toast.error("Could not change the row", { description: errorMessage(error) }),
  })
  // comparing the file with the store reads every new row: again at once on its own tab, else when it is opened
  const refreshInStore = () =>
    queryClient.invalidateQueries({
      queryKey: customerIoKeys.storeDuplicates(run.id),
      refetchType: tab === "in_store" ? "active" : "none",
    })
  const refreshOtherPages = () => {
    queryClient.invalidateQueries({ queryKey: [...customerIoKeys.importRun(run.id), "rows"] })
    refreshInStore()
  }

  const pickWinner = async (winner: ImportRow, group: ImportRow[]) => {
    try {
      for (const r of group) {
        const excluded = r.id !== winner.id
        if (r.excluded !== excluded) {
          const res = await customerIoApi.updateRow(run.id, r.id, { excluded })
          applyRow(res.row, res.counts)
        }
      }
      toast.success(`Row ${winner.row_number} will be imported`, {
        description: "The other rows with this email are excluded.",
      })
      refreshOtherPages()
    } catch (error) {
      toast.error("Could not pick the row", { description: errorMessage(error) })
      refreshOtherPages()
    }
  }

  const list = rows.data?.rows ?? []
  const count = rows.data?.count ?? 0

  return (
    <div className="flex flex-col">
      <div className="flex flex-col gap-y-3 px-6 py-4">
        <div className="flex items-start gap-x-2">
          <InformationCircleSolid className="text-ui-fg-muted mt-0.5 shrink-0" />
          <Text size="small" className="text-ui-fg-subtle">
            Existing customers are matched by email — the registered account first, then a guest with that email;
            with an Account column (Registered or Guest, as in our exports) only that kind of customer is matched.
            Click a cell to correct it; the row is checked again at once. Invalid and excluded rows are not imported.
          </Text>
        </div>
        <Tabs value={tab} onValueChange={(v) => setTab(v as RowFilter | "in_store")}>
          <Tabs.List className="flex-wrap">
            {TABS.map((t) => {
              const n = t.count(counts)
              return (
                <Tabs.Trigger key={t.value} value={t.value}>
                  {t.label}
                  {typeof n === "number" && (
                    <span className={clx("ml-1 tabular-nums", t.value === "invalid" && n > 0 && "text-ui-fg-error")}>
                      {formatNumber(n)}
                    </span>
                  )}
                </Tabs.Trigger>
              )
            })}
            <Tabs.Trigger value="in_store">
              Already in the store?
              {typeof inStore.data?.count === "number" && (
                <span className="ml-1 tabular-nums">{formatNumber(inStore.data.count)}</span>
              )}
            </Tabs.Trigger>
          </Tabs.List>
        </Tabs>
      </div>

      {tab === "in_store" ? (
        <StoreDuplicatesTab
          runId={run.id}
          excluding={update.isPending ? (update.variables?.row.id ?? null) : null}
          onExclude={(row) => update.mutate({ row, excluded: true })}
        />
      ) : filter === "duplicate" ? (
        <DuplicateGroups rows={list} columns={columns} onPick={pickWinner} />
      ) : (
        <div className="overflow-x-auto">
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell className="w-[60px]">Row</Table.HeaderCell>
                <Table.HeaderCell>Action</Table.HeaderCell>
                {columns.map((c) => (
                  <Table.HeaderCell key={c.key} className="whitespace-nowrap">
                    {c.label}
                  </Table.HeaderCell>
                ))}
                <Table.HeaderCell className="text-right"> </Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {list.map((row) => (
                <Table.Row key={row.id} className={clx(row.excluded && "opacity-50")}>
                  <Table.Cell className="tabular-nums text-ui-fg-subtle">{row.row_number}</Table.Cell>
                  <Table.Cell className="whitespace-nowrap">
                    <RowActionBadge row={row} />
                  </Table.Cell>
                  {columns.map((c) => (
                    <EditableCell
                      key={c.key}
                      value={row.values?.[c.key] ?? ""}
                      error={row.errors?.[c.key]}
                      label={`${c.label}, row ${row.row_number}`}
                      onSave={(v) => update.mutate({ row, values: { [c.key]: v } })}
                    />
                  ))}
                  <Table.Cell className="text-right">
                    <Button
                      size="small"
                      variant="transparent"
                      onClick={() => update.mutate({ row, excluded: !row.excluded })}
                      disabled={update.isPending && update.variables?.row.id === row.id}
                    >
                      {row.excluded ? "Include" : "Exclude"}
                    </Button>
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
      {tab !== "in_store" && list.length === 0 && (
        <div className="flex flex-col items-center justify-center gap-y-1 px-6 py-12">
          <Text size="small" className="text-ui-fg-subtle">
            {rows.isPending
              ? "Loading rows…"
              : rows.isError
                ? `Could not load the rows: ${errorMessage(rows.error)}`
                : "No rows here."}
          </Text>
        </div>
      )}
      {tab !== "in_store" && count > pageSize && (
        <ListPagination count={count} pageSize={pageSize} pageIndex={pageIndex} setPageIndex={setPageIndex} />
      )}
    </div>
  )
}

const RowActionBadge = ({ row }: { row: ImportRow }) => {
  const meta = ACTION_META[row.action] ?? ACTION_META.invalid
  const badge = (
    <div className="flex flex-col gap-y-0.5">
      <div className="flex items-center gap-x-1">
        <Badge size="2xsmall" color={row.excluded ? "grey" : meta.color}>
          {row.excluded ? "Excluded" : meta.label}
        </Badge>
        {row.duplicate_of !== null && row.duplicate_of !== undefined && (
          <Badge size="2xsmall" color="orange">
            Same email as row {row.duplicate_of}
          </Badge>
        )}
      </div>
      {row.row_error && (
        <Text size="xsmall" className="text-ui-fg-error max-w-[220px]">
          {row.row_error}
        </Text>
      )}
    </div>
  )
  return badge
}

/** A cell that turns into an input on click; red with the message when invalid. */
const EditableCell = ({
  value,
  error,
  label,
  onSave,
}: {
  value: string
  error?: string
  label: string
  onSave: (value: string) => void
}) => {
  const [editing, setEditing] = useState(false)
  const [text, setText] = useState(value)
  useEffect(() => {
    if (!editing) setText(value)
  }, [value, editing])
  // Enter closes the input, which then blurs: save once.
  const open = useRef(false)
  open.current = editing
  const commit = () => {
    if (!open.current) return
    open.current = false
    setEditing(false)
    if (text !== value) onSave(text)
  }
  return (
    <Table.Cell
      className={clx("min-w-[120px] max-w-[250px]", error && "bg-ui-tag-red-bg")}
      onClick={() => !editing && setEditing(true)}
      title={error}
    >
      {editing ? (
        <Input
          size="small"
          autoFocus
          aria-label={label}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === "Enter") commit()
            if (e.key === "Escape") {
              open.current = false
              setText(value)
              setEditing(false)
            }
          }}
        />
      ) : (
        <div
          className="flex cursor-text flex-col py-1"
          aria-label={label}
          aria-invalid={!!error}
          role="button"
          tabIndex={0}
          onKeyDown={(e) => {
            if (e.key === "Enter" || e.key === " ") {
              e.preventDefault()
              setEditing(true)
            }
          }}
        >
          <Text size="small" className={clx("truncate", !value && "text-ui-fg-muted")}>
            {value || "–"}
          </Text>
          {error && (
            <Text size="xsmall" className="text-ui-tag-red-text">
              {error}
            </Text>
          )}
        </div>
      )}
    </Table.Cell>
  )
}

/** "ada@example.com (guest)" → "ada@example.com · Guest": the kind of customer the group's rows write. */
function groupTitle(key: string): string {
  const m = /^(.*) \((registered|guest)\)$/.exec(key)
  return m ? `${m[1]} · ${m[2] === "guest" ? "Guest" : "Registered"}` : key
}

/** Rows sharing an email, grouped: the merchant keeps one row per group. */
const DuplicateGroups = ({
  rows,
  columns,
  onPick,
}: {
  rows: ImportRow[]
  columns: { key: string; label: string }[]
  onPick: (winner: ImportRow, group: ImportRow[]) => void
}) => {
  const groups = useMemo(() => {
    const map = new Map<string, ImportRow[]>()
    for (const r of rows) {
      const key = r.group ?? ((r.values?.email ?? "").trim().toLowerCase() || `#${r.duplicate_of ?? r.row_number}`)
      map.set(key, [...(map.get(key) ?? []), r])
    }
    return [...map.entries()]
  }, [rows])
  const shown = columns.filter((c) => c.key !== "email").slice(0, 6)
  return (
    <div className="flex flex-col gap-y-3 px-6 pb-4">
      {groups.map(([email, group]) => (
        <div key={email} className="overflow-hidden rounded-lg shadow-borders-base">
          <div className="bg-ui-bg-subtle flex items-center justify-between px-4 py-2">
            <Text size="small" weight="plus">
              {groupTitle(email)}
            </Text>
            <Text size="xsmall" className="text-ui-fg-subtle">
              {group.length} rows with this email — keep one
            </Text>
          </div>
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell className="w-[120px]">Keep</Table.HeaderCell>
                <Table.HeaderCell className="w-[60px]">Row</Table.HeaderCell>
                {shown.map((c) => (
                  <Table.HeaderCell key={c.key}>{c.label}</Table.HeaderCell>
                ))}
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {group.map((r) => (
                <Table.Row key={r.id} className={clx(r.excluded && "opacity-50")}>
                  <Table.Cell>
                    {r.excluded ? (
                      <Button size="small" variant="secondary" onClick={() => onPick(r, group)}>
                        Keep this row
                      </Button>
                    ) : (
                      <Badge size="2xsmall" color="green">
                        Imported
                      </Badge>
                    )}
                  </Table.Cell>
                  <Table.Cell className="tabular-nums">{r.row_number}</Table.Cell>
                  {shown.map((c) => (
                    <Table.Cell key={c.key} className="max-w-[200px] truncate">
                      {r.values?.[c.key] || <span className="text-ui-fg-muted">–</span>}
                    </Table.Cell>
                  ))}
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      ))}
      {groups.length > 0 && (
        <Tooltip content="By default the last row of each email wins.">
          <Text size="xsmall" className="text-ui-fg-muted w-fit">
            Why is a row already chosen?
          </Text>
        </Tooltip>
      )}
    </div>
  )
}
