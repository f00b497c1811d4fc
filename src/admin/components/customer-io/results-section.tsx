import { ArrowDownTray, ArrowUturnLeft } from "@medusajs/icons"
import { Alert, Button, Heading, Table, Text, usePrompt } from "@medusajs/ui"
import { toast } from "../../lib/toast"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useState } from "react"
import { Link } from "react-router-dom"
import { UploadZone } from "./upload-zone"
import { downloadImportFile, useImportMaxBytes } from "./import-common"
import {
  type ImportRow,
  type ImportRun,
  type UndoSkipped,
  customerIoApi,
  customerIoKeys,
} from "../../lib/customer-io"
import { formatDateTime, formatNumber } from "../../lib/format"
import { errorMessage } from "../../lib/sdk"
import { PERMISSIONS, usePermissions } from "../../lib/permissions"
import { PermissionTooltip } from "../permission-tooltip"
import { IMPORT_COLUMNS } from "../../../lib/customer-io/columns"

const COLUMN_KEYS = new Set(IMPORT_COLUMNS.map((c) => c.key))

/** The failure reason; "date_of_birth: Date of Birth must…" reads "Date of Birth must…". */
function failureText(r: ImportRow): string {
  const text =
    r.fail_reason ||
    r.row_error ||
    Object.values(r.errors ?? {}).join("; ") ||
    "Not imported"
  return text
    .split("; ")
    .map((part) => {
      const m = /^([a-z0-9_]+): (.*)$/.exec(part)
      return m && COLUMN_KEYS.has(m[1]) ? m[2] : part
    })
    .join("; ")
}

const Stat = ({ label, value, tone }: { label: string; value: number | undefined; tone?: "error" }) => (
  <div
    className="flex flex-col gap-y-0.5 rounded-lg px-4 py-3 shadow-borders-base"
    data-testid={`cbo-import-result-${label.toLowerCase()}`}
  >
    <Text size="xsmall" className="text-ui-fg-subtle">
      {label}
    </Text>
    <Text size="xlarge" weight="plus" className={tone === "error" && value ? "text-ui-fg-error tabular-nums" : "tabular-nums"}>
      {formatNumber(value ?? 0)}
    </Text>
  </div>
)

/**
 * Step "Results": what the import did, the rows that failed and why, the
 * failed rows as CSV, a re-import of the fixed file, the backup and undo.
 */
export const ResultsSection = ({ run }: { run: ImportRun }) => {
  const queryClient = useQueryClient()
  const prompt = usePrompt()
  const c = run.counts ?? {}
  const [skipped, setSkipped] = useState<UndoSkipped[] | null>(run.undo_skipped ?? null)
  const [reimport, setReimport] = useState(false)
  const maxBytes = useImportMaxBytes()

  // Rows not imported (invalid rows are failures once the import ran), with the reason.
  const failedParams = { filter: "failed" as const, limit: 50, offset: 0 }
  const failed = useQuery({
    queryKey: customerIoKeys.rows(run.id, failedParams),
    queryFn: () => customerIoApi.rows(run.id, failedParams),
    enabled: (c.failed ?? 0) > 0,
  })
  const problemRows: ImportRow[] = failed.data?.rows ?? []
  const problemCount = failed.data?.count ?? c.failed ?? 0

  const undoable =
    run.status === "completed" && !!run.undo_until && new Date(run.undo_until).getTime() > Date.now()

  const canUndo = usePermissions().can(PERMISSIONS.undoImport)
  const undo = useMutation({
    mutationFn: () => customerIoApi.undo(run.id),
    onSuccess: ({ import_run, skipped }) => {
      queryClient.setQueryData(customerIoKeys.importRun(run.id), { import_run })
      queryClient.invalidateQueries({ queryKey: customerIoKeys.all })
      setSkipped(skipped)
      toast.success("Import undone", {
        description: skipped.length
          ? `${formatNumber(skipped.length)} ${skipped.length === 1 ? "customer, category or choice" : "customers, categories or choices"} changed or used since the import ${skipped.length === 1 ? "was" : "were"} left alone.`
          : "Every customer is back as it was.",
      })
    },
    onError: (error) => toast.error("Could not undo the import", { description: errorMessage(error) }),
  })

  const onUndo = async () => {
    const ok = await prompt({
      title: "Undo this import?",
      description: `Customers it created are removed and customers it updated get their previous values back. Customers changed since the import are left alone and listed. You can undo until ${formatDateTime(run.undo_until)}.`,
      confirmText: "Undo import",
      cancelText: "Cancel",
      variant: "danger",
    })
    if (ok) undo.mutate()
  }

  return (
    <div className="flex flex-col gap-y-4 px-6 py-4">
      {run.status === "failed" && (
        <Alert variant="error">The import stopped: {run.error ?? "unknown error"}. Customers written before the error stay.</Alert>
      )}
      {run.status === "undone" && (
        <Alert variant="info">This import was undone on {formatDateTime(run.undone_at)}.</Alert>
      )}
      <div className="grid gap-3" style={{ gridTemplateColumns: "repeat(auto-fit, minmax(150px, 1fr))" }}>
        <Stat label="Created" value={c.created} />
        <Stat label="Updated" value={c.updated} />
        <Stat label="Unchanged" value={c.unchanged} />
        <Stat label="Failed" value={c.failed} tone="error" />
      </div>
      <Text size="small" className="text-ui-fg-subtle">
        {formatNumber(c.rows ?? 0)} rows in {run.file_name}
        {c.excluded ? `, ${formatNumber(c.excluded)} excluded by you` : ""}
        {run.committed_at ? ` · imported ${formatDateTime(run.committed_at)}` : ""}.
      </Text>
      {((run.created_categories?.length ?? 0) > 0 || (run.created_referral_sources?.length ?? 0) > 0) && (
        <Text size="small" className="text-ui-fg-subtle">
          {run.created_categories?.length
            ? `Categories created by this import: ${run.created_categories.map((c) => c.name).join(", ")}. `
            : ""}
          {run.created_referral_sources?.length
            ? `“How did you find us?” choices created: ${run.created_referral_sources.map((c) => c.name).join(", ")}. `
            : ""}
          {run.status === "completed" ? "Undo removes them unless something else uses them by then." : ""}
        </Text>
      )}

      <div className="flex flex-wrap items-center gap-2">
        {problemCount > 0 && (
          <Button
            size="small"
            variant="secondary"
            onClick={() => downloadImportFile(customerIoApi.failedRowsPath(run.id), "failed-rows.csv")}
          >
            <ArrowDownTray />
            Download failed rows (CSV)
          </Button>
        )}
        {problemCount > 0 && (
          <Button size="small" variant="secondary" onClick={() => setReimport((v) => !v)}>
            Re-import fixed file
          </Button>
        )}
        {run.backup_available && (
          <Button
            size="small"
            variant="secondary"
            onClick={() => downloadImportFile(customerIoApi.backupPath(run.id), "backup.csv")}
          >
            <ArrowDownTray />
            Download backup
          </Button>
        )}
        {!run.backup_available && run.backup_expired_at && (
          <Text size="small" className="text-ui-fg-muted">
            Backup: file expired ({formatDateTime(run.backup_expired_at)})
          </Text>
        )}
        {run.status === "completed" && (
          <PermissionTooltip allowed={canUndo}>
            <Button size="small" variant="danger" onClick={onUndo} disabled={!undoable || !canUndo} isLoading={undo.isPending}>
              <ArrowUturnLeft />
              Undo import
            </Button>
          </PermissionTooltip>
        )}
      </div>
      {run.status === "completed" && (
        <Text size="xsmall" className="text-ui-fg-muted">
          {undoable
            ? `Undo is possible until ${formatDateTime(run.undo_until)}. Customers changed after the import are left alone.`
            : "The undo window of this import has closed."}
        </Text>
      )}

      {reimport && (
        <div className="flex flex-col gap-y-2">
          <Text size="small" weight="plus">
            Re-import the fixed rows
          </Text>
          <Text size="xsmall" className="text-ui-fg-subtle">
            Correct the failed rows file (its Error column is ignored) and upload it: it becomes a new import linked to
            this one.
          </Text>
          <UploadZone compact maxBytes={maxBytes} parentRunId={run.id} />
        </div>
      )}

      {problemRows.length > 0 && (
        <div className="flex flex-col gap-y-2">
          <Heading level="h3">Failed rows</Heading>
          <div className="overflow-hidden rounded-lg shadow-borders-base">
            <Table>
              <Table.Header>
                <Table.Row>
                  <Table.HeaderCell className="w-[70px]">Row</Table.HeaderCell>
                  <Table.HeaderCell>Email</Table.HeaderCell>
                  <Table.HeaderCell>Reason</Table.HeaderCell>
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {problemRows.map((r) => (
                  <Table.Row key={r.id}>
                    <Table.Cell className="tabular-nums">{r.row_number}</Table.Cell>
                    <Table.Cell>{r.values?.email || <span className="text-ui-fg-muted">–</span>}</Table.Cell>
                    <Table.Cell>
                      <Text size="small" className="text-ui-fg-error">
                        {failureText(r)}
                      </Text>
                    </Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
          {problemCount > problemRows.length && (
            <Text size="xsmall" className="text-ui-fg-muted">
              The first {problemRows.length} of {formatNumber(problemCount)} are shown; the CSV has them all.
            </Text>
          )}
        </div>
      )}

      {skipped && skipped.length > 0 && (
        <div className="flex flex-col gap-y-2">
          <Heading level="h3">Left alone by the undo</Heading>
          <Text size="xsmall" className="text-ui-fg-subtle">
            These customers were changed after the import, and these categories or choices the import created are used
            by something else now, so the undo did not touch them.
          </Text>
          <div className="overflow-hidden rounded-lg shadow-borders-base">
            <Table>
              <Table.Header>
                <Table.Row>
                  <Table.HeaderCell>Customer, category or choice</Table.HeaderCell>
                  <Table.HeaderCell>Reason</Table.HeaderCell>
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {skipped.map((s) => (
                  <Table.Row key={s.customer_id ?? `${s.kind}-${s.id}`}>
                    <Table.Cell>
                      {s.customer_id ? (
                        <Link to={`/customers/${s.customer_id}`} className="text-ui-fg-interactive">
                          {s.email ?? s.customer_id}
                        </Link>
                      ) : s.kind === "category" ? (
                        <Link to={`/customer-groups/${s.id}`} className="text-ui-fg-interactive">
                          Category “{s.name}”
                        </Link>
                      ) : (
                        <span>“How did you find us?” choice “{s.name}”</span>
                      )}
                    </Table.Cell>
                    <Table.Cell>{s.reason}</Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
        </div>
      )}
    </div>
  )
}
