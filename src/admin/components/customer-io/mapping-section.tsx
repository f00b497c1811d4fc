import { Alert, Badge, Button, Select, Table, Text } from "@medusajs/ui"
import { toast } from "../../lib/toast"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useEffect, useMemo, useState } from "react"
import { type ImportRun, customerIoApi, customerIoKeys } from "../../lib/customer-io"
import { errorMessage } from "../../lib/sdk"
import { IMPORT_COLUMNS } from "../../../lib/customer-io/columns"

const IGNORE = "__ignore__"
const SAMPLE_ROWS = 5

/**
 * Step "Columns": each header of the file and the field it fills (or
 * "Ignore"), with sample values and, for unmapped headers, why. Saving
 * re-validates every row.
 */
export const MappingSection = ({ run, onSaved }: { run: ImportRun; onSaved: () => void }) => {
  const queryClient = useQueryClient()
  const mapping = run.mapping ?? []
  const initial = useMemo(
    () => Object.fromEntries(mapping.map((m) => [m.header, m.column ?? IGNORE])),
    [mapping]
  )
  const [draft, setDraft] = useState<Record<string, string>>(initial)
  useEffect(() => setDraft(initial), [initial])
  const dirty = mapping.some((m) => draft[m.header] !== (m.column ?? IGNORE))

  const sampleParams = { filter: "all" as const, limit: SAMPLE_ROWS, offset: 0 }
  const samples = useQuery({
    queryKey: customerIoKeys.rows(run.id, { ...sampleParams, samples: true }),
    queryFn: () => customerIoApi.rows(run.id, sampleParams),
  })
  const sampleValues = (header: string, index: number, column: string | null) => {
    const out: string[] = []
    for (const row of samples.data?.rows ?? []) {
      const raw = (row as { raw?: unknown }).raw
      let v: unknown
      if (Array.isArray(raw)) v = raw[index]
      else if (raw && typeof raw === "object") v = (raw as Record<string, unknown>)[header]
      else if (column) v = row.values?.[column]
      if (typeof v === "string" && v.trim()) out.push(v.trim())
    }
    return [...new Set(out)].slice(0, 3)
  }

  const taken = new Map<string, string>()
  for (const m of mapping) {
    const c = draft[m.header]
    if (c && c !== IGNORE && !taken.has(c)) taken.set(c, m.header)
  }

  const save = useMutation({
    mutationFn: () =>
      customerIoApi.saveMapping(
        run.id,
        Object.fromEntries(mapping.map((m) => [m.header, draft[m.header] === IGNORE ? null : draft[m.header]]))
      ),
    onSuccess: ({ import_run }) => {
      queryClient.setQueryData(customerIoKeys.importRun(run.id), { import_run })
      queryClient.invalidateQueries({ queryKey: customerIoKeys.importRun(run.id) })
      toast.success("Columns saved", { description: "Every row was checked again with the new columns." })
      onSaved()
    },
    onError: (error) => toast.error("Could not save the columns", { description: errorMessage(error) }),
  })

  const conflicts = mapping.some((m) => {
    const c = draft[m.header]
    return !!c && c !== IGNORE && taken.get(c) !== m.header
  })
  const mappedCount = mapping.filter((m) => draft[m.header] && draft[m.header] !== IGNORE).length
  const hasEmail = Object.values(draft).includes("email")
  const duplicateHeaders = (run.warnings ?? []).filter((w) => w.code === "duplicate_header")

  return (
    <div className="flex flex-col">
      <div className="flex flex-wrap items-center justify-between gap-3 px-6 py-4">
        <Text size="small" className="text-ui-fg-subtle">
          {mappedCount} of {mapping.length} columns are imported.{" "}
          {hasEmail ? "" : "Map a column to Email: customers are matched by it."}
        </Text>
        <div className="flex items-center gap-x-2">
          {dirty && (
            <Button size="small" variant="secondary" onClick={() => setDraft(initial)} disabled={save.isPending}>
              Reset
            </Button>
          )}
          <Button size="small" onClick={() => save.mutate()} disabled={!dirty || conflicts} isLoading={save.isPending}>
            Save and check rows again
          </Button>
        </div>
      </div>
      {duplicateHeaders.length > 0 && (
        <div className="flex flex-col gap-y-2 px-6 pb-4">
          {duplicateHeaders.map((w) => (
            <Alert key={w.header} variant="warning">
              {w.message}
            </Alert>
          ))}
        </div>
      )}
      <div className="overflow-x-auto">
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Column in your file</Table.HeaderCell>
              <Table.HeaderCell>Sample values</Table.HeaderCell>
              <Table.HeaderCell className="w-[260px]">Imported as</Table.HeaderCell>
              <Table.HeaderCell>Note</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {mapping.map((m, index) => {
              const value = draft[m.header] ?? IGNORE
              const column = IMPORT_COLUMNS.find((c) => c.key === value)
              const conflict = value !== IGNORE && taken.get(value) !== m.header
              const changed = value !== (m.column ?? IGNORE)
              return (
                <Table.Row key={`${index}-${m.header}`}>
                  <Table.Cell className="max-w-[220px]">
                    <Text size="small" weight="plus" className="truncate">
                      {m.header || <span className="text-ui-fg-muted">(no header)</span>}
                    </Text>
                  </Table.Cell>
                  <Table.Cell className="max-w-[260px]">
                    <Text size="xsmall" className="text-ui-fg-subtle truncate">
                      {sampleValues(m.header, index, m.column).join(" · ") || "–"}
                    </Text>
                  </Table.Cell>
                  <Table.Cell>
                    <Select
                      size="small"
                      value={value}
                      onValueChange={(v) => setDraft((d) => ({ ...d, [m.header]: v }))}
                    >
                      <Select.Trigger aria-label={`Field for ${m.header}`}>
                        <Select.Value />
                      </Select.Trigger>
                      <Select.Content>
                        <Select.Item value={IGNORE}>Ignore</Select.Item>
                        {IMPORT_COLUMNS.map((c) => (
                          <Select.Item key={c.key} value={c.key}>
                            {c.label}
                          </Select.Item>
                        ))}
                      </Select.Content>
                    </Select>
                  </Table.Cell>
                  <Table.Cell className="max-w-[300px]">
                    {conflict ? (
                      <Text size="xsmall" className="text-ui-fg-error">
                        “{taken.get(value)}” is already imported as {column?.label}: only one column can fill a field.
                      </Text>
                    ) : value === IGNORE ? (
                      <div className="flex items-center gap-x-2">
                        <Badge size="2xsmall" color="grey">
                          Not imported
                        </Badge>
                        <Text size="xsmall" className="text-ui-fg-subtle">
                          {changed ? "Ignored by you" : m.reason ?? "No matching field"}
                        </Text>
                      </div>
                    ) : (
                      <Text size="xsmall" className="text-ui-fg-subtle">
                        {column?.description}
                      </Text>
                    )}
                  </Table.Cell>
                </Table.Row>
              )
            })}
          </Table.Body>
        </Table>
      </div>
    </div>
  )
}
