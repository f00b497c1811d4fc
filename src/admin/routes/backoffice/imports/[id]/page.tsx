import { ArrowLeft } from "@medusajs/icons"
import { Alert, Button, Container, Heading, Tabs, Text } from "@medusajs/ui"
import { toast } from "../../../../lib/toast"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useEffect, useState } from "react"
import { Link, useParams } from "react-router-dom"
import { ConfirmImportDialog } from "../../../../components/customer-io/confirm-import-dialog"
import { PermissionTooltip } from "../../../../components/permission-tooltip"
import { PERMISSIONS, usePermissions } from "../../../../lib/permissions"
import {
  type ImportStep,
  ImportStatusBadge,
  ImportSteps,
  ProgressBar,
  useUploaderNames,
} from "../../../../components/customer-io/import-common"
import { FileEncodingSection } from "../../../../components/customer-io/file-encoding-section"
import { MappingSection } from "../../../../components/customer-io/mapping-section"
import { ResultsSection } from "../../../../components/customer-io/results-section"
import { ReviewSection } from "../../../../components/customer-io/review-section"
import { NewLabelsPanel } from "../../../../components/customer-io/new-labels-panel"
import {
  IMPORT_BUSY,
  type ImportRun,
  customerIoApi,
  customerIoKeys,
  formatBytes,
} from "../../../../lib/customer-io"
import { customerQueryKeys } from "../../../../lib/customers"
import { formatDateTime, formatNumber } from "../../../../lib/format"
import { errorMessage } from "../../../../lib/sdk"

function stepOf(run: ImportRun, tab: "columns" | "review"): ImportStep {
  switch (run.status) {
    case "uploaded":
    case "parsing":
      return "upload"
    case "review":
      return tab
    case "committing":
      return "import"
    default:
      return "results"
  }
}

function busyCaption(run: ImportRun): string {
  const rows = run.counts?.rows
  switch (run.status) {
    case "uploaded":
      return "Waiting for a worker to read the file…"
    case "parsing":
      return rows ? `Reading and checking rows… ${formatNumber(rows)} so far` : "Reading and checking rows…"
    case "committing": {
      const done = (run.counts?.created ?? 0) + (run.counts?.updated ?? 0) + (run.counts?.failed ?? 0)
      return `Importing… ${formatNumber(done)} of ${formatNumber((run.counts?.new ?? 0) + (run.counts?.update ?? 0))} customers`
    }
    case "undoing":
      return "Undoing the import…"
    default:
      return ""
  }
}

/** One import: reading the file, columns, review, confirm, progress and results. */
const CustomerImportPage = () => {
  const { id = "" } = useParams()
  const queryClient = useQueryClient()
  const [tab, setTab] = useState<"columns" | "review">("review")
  const [confirming, setConfirming] = useState(false)
  const canCommit = usePermissions().can(PERMISSIONS.commitImport)

  const query = useQuery({
    queryKey: customerIoKeys.importRun(id),
    queryFn: () => customerIoApi.importRun(id),
    refetchInterval: (q) => {
      const run = q.state.data?.import_run
      if (!run) return false
      return IMPORT_BUSY.includes(run.status) || (run.job && ["queued", "active", "retrying"].includes(run.job.status))
        ? 1000
        : false
    },
  })
  const run = query.data?.import_run
  const uploader = useUploaderNames(run ? [run] : [])

  // A run whose columns matched nothing important opens on the columns.
  const firstLoad = run?.id
  useEffect(() => {
    if (!run || run.status !== "review") return
    const hasEmail = (run.mapping ?? []).some((m) => m.column === "email")
    setTab(hasEmail ? "review" : "columns")
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [firstLoad])

  // Rows change when a job finishes: refresh them once the run is idle again.
  // An import or undo also changes customers: the customer lists (cached for
  // 90 s by the dashboard) show the new ones when the merchant opens them.
  const busy = !!run && IMPORT_BUSY.includes(run.status)
  useEffect(() => {
    if (busy) return
    queryClient.invalidateQueries({ queryKey: [...customerIoKeys.importRun(id), "rows"] })
    queryClient.invalidateQueries({ queryKey: customerQueryKeys.all })
    queryClient.invalidateQueries({ queryKey: ["customers"] })
  }, [busy, id, queryClient])

  const confirm = useMutation({
    mutationFn: (backup: boolean) => customerIoApi.confirm(id, backup),
    onSuccess: ({ import_run }) => {
      queryClient.setQueryData(customerIoKeys.importRun(id), { import_run })
      queryClient.invalidateQueries({ queryKey: customerIoKeys.all })
      setConfirming(false)
    },
    onError: (error) => toast.error("Could not start the import", { description: errorMessage(error) }),
  })

  if (!run) {
    return (
      <Container className="px-6 py-4">
        <Text size="small" className="text-ui-fg-subtle">
          {query.isError ? `Could not load the import: ${errorMessage(query.error)}` : "Loading the import…"}
        </Text>
      </Container>
    )
  }

  const c = run.counts ?? {}
  const revalidating = run.status === "review" && run.job && ["queued", "active", "retrying"].includes(run.job.status)
  const step = stepOf(run, tab)

  return (
    <div className="flex flex-col gap-y-3">
      <Container className="divide-y p-0">
        <div className="flex flex-wrap items-start justify-between gap-4 px-6 py-4">
          <div className="flex min-w-0 flex-col gap-y-2">
            <div className="flex items-center gap-x-2">
              <Heading level="h1" className="truncate">
                {run.file_name}
              </Heading>
              <ImportStatusBadge status={run.status} />
            </div>
            <Text size="xsmall" className="text-ui-fg-subtle">
              {formatBytes(run.file_size)} · uploaded by {uploader(run)} · {formatDateTime(run.created_at)}
              {run.parent_run_id && (
                <>
                  {" · "}
                  <Link to={`/backoffice/imports/${run.parent_run_id}`} className="text-ui-fg-interactive">
                    re-import of an earlier run
                  </Link>
                </>
              )}
            </Text>
            <ImportSteps current={step} />
          </div>
          <div className="flex items-center gap-x-2">
            <Button size="small" variant="secondary" asChild>
              <Link to="/backoffice/imports">
                <ArrowLeft />
                All imports
              </Link>
            </Button>
            {run.status === "review" && (
              <PermissionTooltip allowed={canCommit}>
                <Button
                  size="small"
                  onClick={() => setConfirming(true)}
                  disabled={!canCommit || !!revalidating || (c.new ?? 0) + (c.update ?? 0) === 0}
                >
                  Import {formatNumber((c.new ?? 0) + (c.update ?? 0))}{" "}
                  {(c.new ?? 0) + (c.update ?? 0) === 1 ? "customer" : "customers"}…
                </Button>
              </PermissionTooltip>
            )}
          </div>
        </div>

        {run.error && run.status !== "failed" && (
          <div className="px-6 py-3">
            <Alert variant="error">{run.error}</Alert>
          </div>
        )}

        {(run.status === "uploaded" || run.status === "parsing" || run.status === "committing" || run.status === "undoing") && (
          <div className="flex flex-col gap-y-2 px-6 py-6">
            <Text size="small" weight="plus">
              {run.status === "committing" ? "Importing customers" : run.status === "undoing" ? "Undoing" : "Reading the file"}
            </Text>
            <ProgressBar percent={run.job?.progress ?? 0} caption={busyCaption(run)} />
            <Text size="xsmall" className="text-ui-fg-muted">
              You can leave this page: the work continues in the background (see Background jobs).
            </Text>
          </div>
        )}

        {run.status === "failed" && !run.committed_at && (
          <>
            <div className="px-6 py-4">
              <Alert variant="error">{run.error ?? "The file could not be read."}</Alert>
            </div>
            <FileEncodingSection run={run} />
          </>
        )}

        {run.status === "cancelled" && (
          <div className="px-6 py-4">
            <Text size="small" className="text-ui-fg-subtle">
              This import was cancelled; nothing was changed.
            </Text>
          </div>
        )}

        {run.status === "review" && (
          <>
            <div className="px-6 py-3">
              <Tabs value={tab} onValueChange={(v) => setTab(v as "columns" | "review")}>
                <Tabs.List>
                  <Tabs.Trigger value="columns">Columns</Tabs.Trigger>
                  <Tabs.Trigger value="review">Review rows</Tabs.Trigger>
                </Tabs.List>
              </Tabs>
            </div>
            {revalidating && (
              <div className="px-6 py-3">
                <ProgressBar percent={run.job?.progress ?? 0} caption="Checking every row with the new columns…" />
              </div>
            )}
            {tab === "columns" ? (
              <MappingSection run={run} onSaved={() => setTab("review")} />
            ) : (
              <>
                <FileEncodingSection run={run} />
                <NewLabelsPanel run={run} />
                <ReviewSection run={run} />
              </>
            )}
          </>
        )}

        {(run.status === "completed" || run.status === "undone" || (run.status === "failed" && !!run.committed_at)) && (
          <ResultsSection run={run} />
        )}
      </Container>

      <ConfirmImportDialog
        open={confirming}
        onOpenChange={setConfirming}
        counts={c}
        pending={confirm.isPending}
        onConfirm={(backup) => confirm.mutate(backup)}
        creates={[
          ...(run.new_categories ?? []).filter((l) => l.creates).map((l) => `the category “${l.map_to || l.name}”`),
          ...(run.new_referral_sources ?? [])
            .filter((l) => l.creates)
            .map((l) => `the “How did you find us?” choice “${l.map_to || l.name}”`),
        ]}
      />
    </div>
  )
}

export default CustomerImportPage
