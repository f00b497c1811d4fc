import { Button, Checkbox, Label, Prompt, RadioGroup, Text } from "@medusajs/ui"
import { toast } from "../../lib/toast"
import { useMutation, useQuery } from "@tanstack/react-query"
import { useEffect, useState } from "react"
import { Link } from "react-router-dom"
import { JobProgress } from "../jobs/job-progress"
import {
  type CreateExportBody,
  type ExportFormat,
  customerIoApi,
  customerIoKeys,
  downloadFile,
} from "../../lib/customer-io"
import { isRunning } from "../../lib/jobs"
import { formatNumber } from "../../lib/format"
import { errorMessage } from "../../lib/sdk"

const FORMATS: { value: ExportFormat; label: string; hint: string }[] = [
  { value: "csv", label: "CSV", hint: "Opens anywhere; re-imports with no changes." },
  { value: "xlsx", label: "Excel (XLSX)", hint: "A spreadsheet for Excel, Numbers or LibreOffice." },
]

/**
 * "Export": writes the customers of the list's current filter and search to
 * a file in a background job, shows its progress and the download link.
 */
export const ExportDialog = ({
  open,
  onOpenChange,
  filters,
  count,
  filtered,
}: {
  open: boolean
  onOpenChange: (open: boolean) => void
  filters: Omit<CreateExportBody, "format">
  count: number | null
  filtered: boolean
}) => {
  const [format, setFormat] = useState<ExportFormat>("csv")
  const [notes, setNotes] = useState(false)
  const [exportId, setExportId] = useState<string | null>(null)
  useEffect(() => {
    if (open) setExportId(null)
  }, [open])

  const start = useMutation({
    mutationFn: () => customerIoApi.createExport({ ...filters, format, ...(notes ? { include_notes: true } : {}) }),
    onSuccess: ({ export: e }) => setExportId(e.id),
    onError: (error) => toast.error("Could not start the export", { description: errorMessage(error) }),
  })
  const run = useQuery({
    queryKey: customerIoKeys.exportRun(exportId ?? ""),
    queryFn: () => customerIoApi.exportRun(exportId!),
    enabled: !!exportId,
    refetchInterval: (q) => (q.state.data && !isRunning(q.state.data.export.status) ? false : 1000),
  })
  const e = run.data?.export
  const done = e?.status === "completed"
  const failed = e && (e.status === "failed" || e.status === "cancelled")

  const download = async () => {
    if (!e?.download_url) return
    try {
      await downloadFile(e.download_url, e.file_name ?? `customers.${e.format}`)
    } catch (error) {
      toast.error("Could not download the export", { description: errorMessage(error) })
    }
  }

  const close = () => {
    if (e && isRunning(e.status)) {
      toast.info("The export continues in the background", {
        description: "Find it on the Background jobs page.",
      })
    }
    onOpenChange(false)
  }

  const who =
    count === null
      ? "Exports the customers of the current filters and search."
      : filtered
        ? `${formatNumber(count)} ${count === 1 ? "customer matches" : "customers match"} the current filters.`
        : `All ${formatNumber(count)} ${count === 1 ? "customer" : "customers"} will be exported.`

  return (
    <Prompt open={open} onOpenChange={(o) => (o ? onOpenChange(true) : close())}>
      <Prompt.Content>
        <Prompt.Header>
          <Prompt.Title>Export customers</Prompt.Title>
          <Prompt.Description>
            {who} The file has every customer field, categories, stores, first and last purchase, the number of
            orders and the loyalty points balance.
          </Prompt.Description>
        </Prompt.Header>
        <div className="flex flex-col gap-y-3 px-6 pt-4">
          {!exportId ? (
            <RadioGroup value={format} onValueChange={(v) => setFormat(v as ExportFormat)}>
              {FORMATS.map((f) => (
                <div key={f.value} className="flex items-start gap-x-3">
                  <RadioGroup.Item value={f.value} id={`cbo-export-${f.value}`} className="mt-0.5" />
                  <div className="flex flex-col">
                    <Label htmlFor={`cbo-export-${f.value}`} size="small" weight="plus">
                      {f.label}
                    </Label>
                    <Text size="xsmall" className="text-ui-fg-subtle">
                      {f.hint}
                    </Text>
                  </div>
                </div>
              ))}
            </RadioGroup>
          ) : null}
          {!exportId ? (
            <div className="flex items-start gap-x-3 border-t pt-3">
              <Checkbox
                id="cbo-export-notes"
                checked={notes}
                onCheckedChange={(v) => setNotes(v === true)}
                className="mt-0.5"
              />
              <div className="flex flex-col">
                <Label htmlFor="cbo-export-notes" size="small" weight="plus">
                  Include notes
                </Label>
                <Text size="xsmall" className="text-ui-fg-subtle">
                  A Staff Notes column with every note on the customer. A re-import skips it.
                </Text>
              </div>
            </div>
          ) : (
            <div className="flex flex-col gap-y-2">
              {e ? (
                <>
                  <JobProgress job={{ status: e.status, progress: e.progress, counts: { processed: e.processed, total: e.total ?? undefined } }} />
                  <Text size="small" className={failed ? "text-ui-fg-error" : "text-ui-fg-subtle"}>
                    {done
                      ? `${formatNumber(e.rows ?? 0)} customers exported to ${e.file_name}.`
                      : failed
                        ? `The export ${e.status === "failed" ? "failed" : "was cancelled"}${e.error ? `: ${e.error}` : "."}`
                        : e.status === "queued"
                          ? "Waiting for a worker…"
                          : "Exporting…"}
                  </Text>
                </>
              ) : (
                <Text size="small" className="text-ui-fg-subtle">
                  Starting…
                </Text>
              )}
              <Text size="xsmall" className="text-ui-fg-muted">
                Exports also show on the{" "}
                <Link to="/backoffice/jobs" className="text-ui-fg-interactive">
                  Background jobs
                </Link>{" "}
                page.
              </Text>
            </div>
          )}
        </div>
        <Prompt.Footer>
          <Button size="small" variant="secondary" onClick={close}>
            {exportId ? "Close" : "Cancel"}
          </Button>
          {!exportId ? (
            <Button size="small" onClick={() => start.mutate()} isLoading={start.isPending} disabled={count === 0}>
              Export {format === "xlsx" ? "XLSX" : "CSV"}
            </Button>
          ) : (
            e?.file_expired_at ? (
              <Button size="small" disabled>
                File expired
              </Button>
            ) : (
              <Button size="small" onClick={download} disabled={!done}>
                Download
              </Button>
            )
          )}
        </Prompt.Footer>
      </Prompt.Content>
    </Prompt>
  )
}
