import type { ReactNode } from "react"
import { Table, Text, Tooltip } from "@medusajs/ui"
import { JobProgress } from "./job-progress"
import { JobStatusBadge } from "./job-status-badge"
import type { BackofficeJob } from "../../lib/jobs"
import { formatDateTime, formatDuration, formatRelative } from "../../lib/format"
import { errorMessage } from "../../lib/sdk"

/** "took 3.1 s" for a finished job that has both timestamps. */
function tookText(job: BackofficeJob): string | undefined {
  if (!job.started_at || !job.finished_at) return undefined
  const took = formatDuration(
    new Date(job.finished_at).getTime() - new Date(job.started_at).getTime()
  )
  return took ? `took ${took}` : undefined
}

const Dash = () => <span className="text-ui-fg-muted">–</span>

const TimeCell = ({ value, now, sub }: { value: string | null; now: number; sub?: string }) => {
  if (!value) return <Dash />
  return (
    <div className="flex flex-col">
      <Tooltip content={formatDateTime(value)}>
        <span className="txt-compact-small text-ui-fg-base w-fit whitespace-nowrap">
          {formatRelative(value, now)}
        </span>
      </Tooltip>
      {sub && (
        <Text size="xsmall" leading="compact" className="text-ui-fg-muted whitespace-nowrap">
          {sub}
        </Text>
      )}
    </div>
  )
}

/** The Background jobs table: one row per job (a click opens it), or what explains an empty list. */
export const JobsTable = ({
  jobs,
  now,
  typeLabel,
  startedBy,
  rowActions,
  onSelect,
  state,
  error,
  filtered,
}: {
  jobs: BackofficeJob[]
  now: number
  typeLabel: (type: string) => string
  startedBy: (job: BackofficeJob) => string
  rowActions: (job: BackofficeJob) => ReactNode
  onSelect: (job: BackofficeJob) => void
  state: "loading" | "error" | "unavailable" | "ready"
  error: unknown
  filtered: boolean
}) => (
  <div className="overflow-x-auto">
    <Table>
      <Table.Header>
        <Table.Row>
          <Table.HeaderCell>Job</Table.HeaderCell>
          <Table.HeaderCell>Status</Table.HeaderCell>
          <Table.HeaderCell>Progress</Table.HeaderCell>
          <Table.HeaderCell>Started</Table.HeaderCell>
          <Table.HeaderCell>Finished</Table.HeaderCell>
          <Table.HeaderCell>Started by</Table.HeaderCell>
          {/* the actions stay in view when a narrow window scrolls the table */}
          <Table.HeaderCell className="bg-ui-bg-subtle sticky right-0 text-right">
            <span className="sr-only">Actions</span>
          </Table.HeaderCell>
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {jobs.map((job) => (
          <Table.Row
            key={job.id}
            className="cursor-pointer"
            onClick={() => onSelect(job)}
          >
            <Table.Cell className="max-w-[300px] py-2">
              <div className="flex min-w-0 flex-col gap-y-0.5">
                <Text size="small" leading="compact" weight="plus" className="truncate">
                  {typeLabel(job.type)}
                </Text>
                {job.error ? (
                  <Text
                    size="xsmall"
                    leading="compact"
                    className="text-ui-fg-error truncate"
                    title={job.error}
                  >
                    {job.error}
                  </Text>
                ) : job.message ? (
                  <Text
                    size="xsmall"
                    leading="compact"
                    className="text-ui-fg-subtle truncate"
                    title={job.message}
                  >
                    {job.message}
                  </Text>
                ) : null}
              </div>
            </Table.Cell>
            <Table.Cell>
              <JobStatusBadge job={job} />
            </Table.Cell>
            <Table.Cell>
              <JobProgress job={job} />
            </Table.Cell>
            <Table.Cell>
              {job.started_at ? (
                <TimeCell value={job.started_at} now={now} />
              ) : (
                <TimeCell value={job.created_at} now={now} sub="queued, not started" />
              )}
            </Table.Cell>
            <Table.Cell>
              {job.finished_at ? (
                <TimeCell
                  value={job.finished_at}
                  now={now}
                  sub={tookText(job)}
                />
              ) : (
                <Dash />
              )}
            </Table.Cell>
            <Table.Cell className="max-w-[200px]">
              <span className="block truncate" title={job.created_by ?? "Started by the system"}>
                {startedBy(job)}
              </span>
            </Table.Cell>
            <Table.Cell className="bg-ui-bg-base sticky right-0 text-right">
              {rowActions(job)}
            </Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>

    {jobs.length === 0 && (
      <div className="flex flex-col items-center justify-center gap-y-1 px-6 py-12">
        {state === "loading" ? (
          <Text size="small" className="text-ui-fg-subtle">
            Loading jobs…
          </Text>
        ) : state !== "ready" ? (
          <>
            <Text size="small" weight="plus">
              {state === "unavailable" ? "Jobs cannot be listed right now" : "Could not load jobs"}
            </Text>
            <Text size="small" className="text-ui-fg-subtle max-w-md text-center">
              {state === "unavailable"
                ? "The list comes back as soon as Redis answers again."
                : errorMessage(error)}
            </Text>
          </>
        ) : (
          <>
            <Text size="small" weight="plus">
              {filtered ? "No jobs match these filters" : "No background jobs yet"}
            </Text>
            <Text size="small" className="text-ui-fg-subtle">
              {filtered
                ? "Change or clear the filters to see other jobs."
                : "Imports, exports and jobs checks you start show up here."}
            </Text>
          </>
        )}
      </div>
    )}
  </div>
)
