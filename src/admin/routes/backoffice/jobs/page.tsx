import { defineRouteConfig } from "@medusajs/admin-sdk"
import { QueueList } from "@medusajs/icons"
import {
  Alert,
  Button,
  Container,
  Heading,
  Select,
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
import { useEffect, useMemo, useState } from "react"
import { JobDetailDrawer } from "../../../components/jobs/job-detail-drawer"
import { JobsTable } from "../../../components/jobs/jobs-table"
import { RuntimeStatus } from "../../../components/jobs/runtime-status"
import {
  type BackofficeJob,
  JOB_STATUSES,
  JOB_STATUS_META,
  type JobStatus,
  type ListJobsParams,
  RUNNING_STATUSES,
  isRetryable,
  isRunning,
  jobQueryKeys,
  jobsApi,
} from "../../../lib/jobs"
import { shortId } from "../../../lib/format"
import { errorMessage, isUnavailableError, sdk } from "../../../lib/sdk"
import { ListPagination } from "../../../components/list-pagination"
import { useNow } from "../../../hooks/timing"

const PAGE_SIZE = 20
/** The "Run jobs check" job: 10 steps of 300 ms, long enough to watch it move. */
const DIAGNOSTIC_RUN = { steps: 10, step_ms: 300 }

type StatusFilter = "all" | "running" | JobStatus

const STATUS_FILTERS: { value: StatusFilter; label: string }[] = [
  { value: "all", label: "All statuses" },
  { value: "running", label: "In progress" },
  ...JOB_STATUSES.map((s) => ({ value: s as StatusFilter, label: JOB_STATUS_META[s].label })),
]

type AdminUserLite = {
  id: string
  email: string
  first_name: string | null
  last_name: string | null
}

function actionErrorMessage(error: unknown): string {
  const message = errorMessage(error)
  return isUnavailableError(error) ? `Background jobs are unavailable. ${message}` : message
}

const BackgroundJobsPage = () => {
  const queryClient = useQueryClient()
  const prompt = usePrompt()
  const now = useNow(10_000)

  const [statusFilter, setStatusFilter] = useState<StatusFilter>("all")
  const [typeFilter, setTypeFilter] = useState<string>("all")
  const [pageIndex, setPageIndex] = useState(0)
  const [selected, setSelected] = useState<BackofficeJob | null>(null)

  const params: ListJobsParams = useMemo(
    () => ({
      status:
        statusFilter === "all"
          ? undefined
          : statusFilter === "running"
            ? [...RUNNING_STATUSES]
            : [statusFilter],
      type: typeFilter === "all" ? undefined : [typeFilter],
      limit: PAGE_SIZE,
      offset: pageIndex * PAGE_SIZE,
    }),
    [statusFilter, typeFilter, pageIndex]
  )

  const runtime = useQuery({
    queryKey: jobQueryKeys.runtime(),
    queryFn: jobsApi.runtime,
    refetchInterval: (q) => (q.state.data?.status.redis === "connected" ? 15_000 : 5_000),
  })

  const list = useQuery({
    queryKey: jobQueryKeys.list(params),
    queryFn: () => jobsApi.list(params),
    placeholderData: keepPreviousData,
    retry: (failures, error) => !isUnavailableError(error) && failures < 2,
    refetchInterval: (q) =>
      q.state.data?.jobs.some((j) => isRunning(j.status)) ? 1_000 : 5_000,
  })

  const jobs = list.data?.jobs ?? []
  const count = list.data?.count ?? 0
  const pageCount = Math.max(1, Math.ceil(count / PAGE_SIZE))

  // Back to the last page when the list shrank under the current one.
  useEffect(() => {
    if (list.data && pageIndex > 0 && pageIndex >= pageCount) setPageIndex(pageCount - 1)
  }, [list.data, pageIndex, pageCount])

  // Keep the drawer's job in step with the list.
  useEffect(() => {
    if (!selected) return
    const fresh = jobs.find((j) => j.id === selected.id)
    if (fresh && fresh.updated_at !== selected.updated_at) setSelected(fresh)
  }, [jobs, selected])

  const userIds = useMemo(
    () => [...new Set(jobs.map((j) => j.created_by).filter((id): id is string => !!id))].sort(),
    [jobs]
  )
  const users = useQuery({
    queryKey: [...jobQueryKeys.all, "users", userIds],
    queryFn: () =>
      sdk.client.fetch<{ users: AdminUserLite[] }>("/admin/users", {
        query: { id: userIds, fields: "id,email,first_name,last_name", limit: userIds.length },
      }),
    enabled: userIds.length > 0,
    staleTime: 5 * 60_000,
    placeholderData: keepPreviousData,
    retry: false,
  })

  const jobTypes = runtime.data?.job_types ?? []
  const typeLabel = (type: string) => jobTypes.find((t) => t.type === type)?.label ?? type

  const startedBy = (job: BackofficeJob) => {
    if (!job.created_by) return "System"
    const user = users.data?.users.find((u) => u.id === job.created_by)
    if (!user) return shortId(job.created_by)
    const name = [user.first_name, user.last_name].filter(Boolean).join(" ")
    return name || user.email
  }

  const invalidate = () => queryClient.invalidateQueries({ queryKey: jobQueryKeys.all })

  const runCheck = useMutation({
    mutationFn: () => jobsApi.runDiagnostics(DIAGNOSTIC_RUN),
    onSuccess: () => {
      toast.success("Background jobs check queued", {
        description: "A worker should pick it up and finish it within a few seconds.",
      })
      setPageIndex(0)
      invalidate()
    },
    onError: (error) => {
      toast.error("Could not start the jobs check", { description: actionErrorMessage(error) })
      invalidate()
    },
  })

  const cancelJob = useMutation({
    mutationFn: (id: string) => jobsApi.cancel(id),
    onSuccess: ({ job }) => {
      toast.success(job.status === "cancelled" ? "Job cancelled" : "Cancellation requested", {
        description:
          job.status === "cancelled"
            ? typeLabel(job.type)
            : "The job stops at its next checkpoint.",
      })
      invalidate()
    },
    onError: (error) => {
      toast.error("Could not cancel the job", { description: actionErrorMessage(error) })
      invalidate()
    },
  })

  const retryJob = useMutation({
    mutationFn: (id: string) => jobsApi.retry(id),
    onSuccess: ({ job }) => {
      toast.success("Job queued again", { description: typeLabel(job.type) })
      invalidate()
    },
    onError: (error) => {
      toast.error("Could not retry the job", { description: actionErrorMessage(error) })
      invalidate()
    },
  })

  const onCancel = async (job: BackofficeJob) => {
    const confirmed = await prompt({
      title: "Cancel this job?",
      description: `"${typeLabel(job.type)}" stops at its next checkpoint. Work it has already done is kept; you can retry it later.`,
      confirmText: "Cancel job",
      cancelText: "Keep running",
      variant: "danger",
    })
    if (confirmed) cancelJob.mutate(job.id)
  }

  const rowActions = (job: BackofficeJob) => {
    if (isRunning(job.status)) {
      const requested = !!job.cancel_requested_at
      return (
        <Button
          size="small"
          variant="secondary"
          disabled={requested || (cancelJob.isPending && cancelJob.variables === job.id)}
          onClick={(e) => {
            e.stopPropagation()
            void onCancel(job)
          }}
        >
          {requested ? "Cancelling…" : "Cancel"}
        </Button>
      )
    }
    if (isRetryable(job.status)) {
      return (
        <Button
          size="small"
          variant="secondary"
          isLoading={retryJob.isPending && retryJob.variables === job.id}
          onClick={(e) => {
            e.stopPropagation()
            retryJob.mutate(job.id)
          }}
        >
          Retry
        </Button>
      )
    }
    return null
  }

  const status = runtime.data?.status
  const unavailable = status && status.redis !== "connected"
  const listUnavailable = list.isError && isUnavailableError(list.error)
  const bannerMessage =
    status?.message ??
    (listUnavailable ? errorMessage(list.error) : null) ??
    "Redis is not reachable from this server."
  const filtered = statusFilter !== "all" || typeFilter !== "all"

  return (
    <div className="flex flex-col gap-y-3">
      {(unavailable || listUnavailable) && (
        <Alert variant={status?.redis === "connecting" ? "warning" : "error"}>
          <Text size="small" weight="plus" leading="compact">
            {status?.redis === "connecting"
              ? "Connecting to Redis…"
              : "Background jobs are paused: Redis is not reachable"}
          </Text>
          <Text size="small" className="text-ui-fg-subtle mt-1">
            {bannerMessage}
          </Text>
        </Alert>
      )}

      <Container className="divide-y p-0">
        <div className="flex flex-wrap items-center justify-between gap-4 px-6 py-4">
          <div className="flex flex-col gap-y-1">
            <Heading level="h1">Background jobs</Heading>
            <Text size="small" className="text-ui-fg-subtle">
              Imports, exports and other long-running customer work. Progress updates live.
            </Text>
          </div>
          <Button
            size="small"
            variant="secondary"
            isLoading={runCheck.isPending}
            disabled={!!unavailable}
            onClick={() => runCheck.mutate()}
          >
            Run jobs check
          </Button>
        </div>

        {status && <RuntimeStatus status={status} />}

        <div className="flex flex-wrap items-center gap-2 px-6 py-4">
          <div className="w-[180px]">
            <Select
              size="small"
              value={statusFilter}
              onValueChange={(v) => {
                setStatusFilter(v as StatusFilter)
                setPageIndex(0)
              }}
            >
              <Select.Trigger aria-label="Filter by status">
                <Select.Value />
              </Select.Trigger>
              <Select.Content>
                {STATUS_FILTERS.map((f) => (
                  <Select.Item key={f.value} value={f.value}>
                    {f.label}
                  </Select.Item>
                ))}
              </Select.Content>
            </Select>
          </div>
          <div className="w-[220px]">
            <Select
              size="small"
              value={typeFilter}
              onValueChange={(v) => {
                setTypeFilter(v)
                setPageIndex(0)
              }}
            >
              <Select.Trigger aria-label="Filter by type">
                <Select.Value />
              </Select.Trigger>
              <Select.Content>
                <Select.Item value="all">All job types</Select.Item>
                {jobTypes.map((t) => (
                  <Select.Item key={t.type} value={t.type}>
                    {t.label}
                  </Select.Item>
                ))}
              </Select.Content>
            </Select>
          </div>
          {filtered && (
            <Button
              size="small"
              variant="transparent"
              onClick={() => {
                setStatusFilter("all")
                setTypeFilter("all")
                setPageIndex(0)
              }}
            >
              Clear filters
            </Button>
          )}
        </div>

        <JobsTable
          jobs={jobs}
          now={now}
          typeLabel={typeLabel}
          startedBy={startedBy}
          rowActions={rowActions}
          onSelect={setSelected}
          state={list.isPending ? "loading" : list.isError ? (listUnavailable ? "unavailable" : "error") : "ready"}
          error={list.isError ? list.error : null}
          filtered={filtered}
        />

        {count > 0 && (
          <ListPagination count={count} pageSize={PAGE_SIZE} pageIndex={pageIndex} setPageIndex={setPageIndex} />
        )}
      </Container>

      <JobDetailDrawer
        job={selected}
        typeLabel={typeLabel}
        startedBy={startedBy}
        onOpenChange={(open) => !open && setSelected(null)}
        actions={rowActions}
      />
    </div>
  )
}

export const config = defineRouteConfig({
  label: "Background jobs",
  icon: QueueList,
  nested: "/customers",
  // sidebar order under Customers (a number literal: the admin build reads it as written); see README
  rank: 8,
})

export default BackgroundJobsPage
