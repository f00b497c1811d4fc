import { Button, Drawer, Heading, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import type { ReactNode } from "react"
import { type BackofficeJob, isRunning, jobQueryKeys, jobsApi } from "../../lib/jobs"
import { errorMessage } from "../../lib/sdk"
import { formatDateTime, formatDuration } from "../../lib/format"
import { JobProgress } from "./job-progress"
import { JobStatusBadge } from "./job-status-badge"
import { downloadFile } from "../../lib/customer-io"
import { GdprJobDownloads } from "../gdpr/job-downloads"

type Props = {
  /** The job as listed; the drawer loads the full record (with checkpoint) itself. */
  job: BackofficeJob | null
  typeLabel: (type: string) => string
  startedBy: (job: BackofficeJob) => string
  onOpenChange: (open: boolean) => void
  actions?: (job: BackofficeJob) => ReactNode
}

const Field = ({ label, children }: { label: string; children: ReactNode }) => (
  <div className="flex items-start gap-x-4 py-2">
    <Text size="small" leading="compact" className="text-ui-fg-subtle basis-1/3 shrink-0">
      {label}
    </Text>
    <div className="txt-compact-small text-ui-fg-base min-w-0 flex-1 break-all">{children}</div>
  </div>
)

const Json = ({ label, value }: { label: string; value: unknown }) => {
  if (value === null || value === undefined) return null
  if (typeof value === "object" && Object.keys(value as object).length === 0) return null
  return (
    <div className="flex flex-col gap-y-2">
      <Text size="small" leading="compact" weight="plus">
        {label}
      </Text>
      <pre className="bg-ui-bg-subtle text-ui-fg-subtle shadow-borders-base txt-compact-xsmall max-h-[300px] overflow-auto whitespace-pre-wrap break-all rounded-lg px-3 py-2 font-mono">
        {JSON.stringify(value, null, 2)}
      </pre>
    </div>
  )
}

/** The job's counters as "Processed", "Succeeded"… rows (numbers only). */
const countRows = (counts: BackofficeJob["counts"]): [string, number][] =>
  Object.entries(counts ?? {})
    .filter((e): e is [string, number] => typeof e[1] === "number")
    .map(([k, v]) => [k.charAt(0).toUpperCase() + k.slice(1).replace(/_/g, " "), v])

/** Side panel with one job's full record: timings, error, payload, result, counts. */
export const JobDetailDrawer = ({ job, typeLabel, startedBy, onOpenChange, actions }: Props) => {
  const detail = useQuery({
    queryKey: jobQueryKeys.detail(job?.id ?? ""),
    queryFn: () => jobsApi.retrieve(job!.id),
    enabled: !!job,
    refetchInterval: (q) => (q.state.data && isRunning(q.state.data.job.status) ? 1000 : false),
  })
  const current = detail.data?.job ?? job
  const took =
    current?.started_at && current.finished_at
      ? formatDuration(
          new Date(current.finished_at).getTime() - new Date(current.started_at).getTime()
        )
      : ""

  return (
    <Drawer open={!!job} onOpenChange={onOpenChange}>
      <Drawer.Content>
        <Drawer.Header>
          <Drawer.Title asChild>
            <Heading>{current ? typeLabel(current.type) : "Job"}</Heading>
          </Drawer.Title>
          <Drawer.Description className="sr-only">Details of a background job</Drawer.Description>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-y-6 overflow-y-auto">
          {current && (
            <>
              <div className="flex items-center justify-between gap-x-4">
                <JobStatusBadge job={current} />
                <JobProgress job={current} />
              </div>
              {current.error && (
                <div className="bg-ui-tag-red-bg shadow-borders-base rounded-lg px-3 py-2">
                  <Text size="small" className="text-ui-fg-error whitespace-pre-wrap break-words">
                    {current.error}
                  </Text>
                </div>
              )}
              {detail.isError && (
                <Text size="small" className="text-ui-fg-error">
                  {errorMessage(detail.error)}
                </Text>
              )}
              <div className="divide-y">
                {current.message && <Field label="Message">{current.message}</Field>}
                {countRows(current.counts).map(([label, value]) => (
                  <Field key={label} label={label}>
                    <span className="tabular-nums">{value.toLocaleString()}</span>
                  </Field>
                ))}
                <Field label="Started by">{startedBy(current)}</Field>
                <Field label="Created">{formatDateTime(current.created_at)}</Field>
                <Field label="Started">{formatDateTime(current.started_at) || "–"}</Field>
                <Field label="Finished">
                  {formatDateTime(current.finished_at) || "–"}
                  {took && <span className="text-ui-fg-subtle"> ({took})</span>}
                </Field>
                {current.cancel_requested_at && (
                  <Field label="Cancel requested">
                    {formatDateTime(current.cancel_requested_at)}
                  </Field>
                )}
              </div>
              {/* ids, queues and raw records are for whoever supports the shop, not for the merchant's daily work */}
              <details className="group" data-testid="cbo-job-technical">
                <summary className="txt-compact-small-plus text-ui-fg-subtle hover:text-ui-fg-base cursor-pointer select-none">
                  Technical details
                </summary>
                <div className="mt-2 flex flex-col gap-y-4">
                  <div className="divide-y">
                    <Field label="ID">
                      <span className="font-mono">{current.id}</span>
                    </Field>
                    <Field label="Type">
                      <span className="font-mono">{current.type}</span>
                    </Field>
                    <Field label="Queue">{current.queue}</Field>
                    <Field label="Attempts">
                      {current.attempts}/{current.max_attempts}
                      {current.run > 1 ? ` (run ${current.run})` : ""}
                    </Field>
                    {current.worker && (
                      <Field label="Worker">
                        <span className="font-mono">{current.worker}</span>
                      </Field>
                    )}
                  </div>
                  <Json label="Counts" value={current.counts} />
                  <Json label="Payload" value={current.payload} />
                  <Json label="Result" value={current.result} />
                  <Json label="Checkpoint" value={current.checkpoint} />
                </div>
              </details>
            </>
          )}
        </Drawer.Body>
        <Drawer.Footer>
          <div className="flex items-center gap-x-2">
            {current && actions?.(current)}
            {current && <GdprJobDownloads job={current} />}
            {current?.type === "customer_export.run" &&
              current.status === "completed" &&
              (current.result as { file_expired_at?: string | null } | null)?.file_expired_at && (
                <Text size="small" className="text-ui-fg-muted">
                  File expired
                </Text>
              )}
            {current?.type === "customer_export.run" &&
              current.status === "completed" &&
              !(current.result as { file_expired_at?: string | null } | null)?.file_expired_at && (
              <Button
                size="small"
                variant="secondary"
                onClick={() =>
                  downloadFile(`/admin/backoffice/customer-exports/${current.id}/download`, "customers-export").catch(
                    () => undefined
                  )
                }
              >
                Download file
              </Button>
            )}
            <Drawer.Close asChild>
              <Button size="small" variant="secondary">
                Close
              </Button>
            </Drawer.Close>
          </div>
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}
