import { apiGet, apiPost } from "./sdk"

import { JOB_STATUSES, type JobStatus } from "../../types/enums"

export { JOB_STATUSES, type JobStatus }

/** Statuses of a job that is still going to do (or doing) work. */
export const RUNNING_STATUSES: readonly JobStatus[] = ["queued", "active", "retrying"]
/** Statuses a job can be retried from. */
export const RETRYABLE_STATUSES: readonly JobStatus[] = ["failed", "cancelled"]

export const isRunning = (status: JobStatus) => RUNNING_STATUSES.includes(status)
export const isRetryable = (status: JobStatus) => RETRYABLE_STATUSES.includes(status)

/** Counters a job reports; `total` and `processed` drive the progress text. */
export type JobCounts = {
  processed?: number
  total?: number
  succeeded?: number
  failed?: number
  [counter: string]: number | undefined
}

export type BackofficeJob = {
  id: string
  type: string
  queue: string
  key: string
  status: JobStatus
  /** 0..100 */
  progress: number
  counts: JobCounts | null
  message: string | null
  payload: Record<string, unknown> | null
  result: unknown
  error: string | null
  attempts: number
  max_attempts: number
  run: number
  worker: string | null
  /** Admin user id, or null for jobs the system started. */
  created_by: string | null
  cancel_requested_at: string | null
  started_at: string | null
  finished_at: string | null
  created_at: string
  updated_at: string
  /** Only on GET /admin/backoffice/jobs/:id */
  checkpoint?: unknown
}

export type JobTypeInfo = { type: string; label: string; queue: string }

export type JobRuntimeStatus = {
  redis: "connected" | "unavailable" | "connecting"
  redis_url: string
  worker_mode: "shared" | "worker" | "server"
  workers_running: boolean
  queues: string[]
  warnings: string[]
  message: string | null
}

export type JobRuntimeResponse = {
  status: JobRuntimeStatus
  job_types: JobTypeInfo[]
}

export type ListJobsParams = {
  type?: string[]
  status?: JobStatus[]
  limit?: number
  offset?: number
}

export type ListJobsResponse = {
  jobs: BackofficeJob[]
  count: number
  limit: number
  offset: number
}

export type JobResponse = { job: BackofficeJob }

export type DiagnosticsBody = { steps?: number; step_ms?: number }

const BASE = "/admin/backoffice/jobs"

/** Typed client for the plugin's background-job endpoints. */
export const jobsApi = {
  runtime: () => apiGet<JobRuntimeResponse>("/admin/backoffice/job-runtime"),
  list: (params: ListJobsParams = {}) =>
    apiGet<ListJobsResponse>(BASE, {
      type: params.type,
      status: params.status,
      limit: params.limit,
      offset: params.offset,
    }),
  retrieve: (id: string) => apiGet<JobResponse>(`${BASE}/${encodeURIComponent(id)}`),
  cancel: (id: string) =>
    apiPost<JobResponse>(`${BASE}/${encodeURIComponent(id)}/cancel`),
  retry: (id: string) =>
    apiPost<JobResponse>(`${BASE}/${encodeURIComponent(id)}/retry`),
  runDiagnostics: (body: DiagnosticsBody = {}) =>
    apiPost<JobResponse>(`${BASE}/diagnostics`, body),
}

/** TanStack Query keys; invalidate `jobQueryKeys.all` after any job action. */
export const jobQueryKeys = {
  all: ["backoffice-jobs"] as const,
  runtime: () => [...jobQueryKeys.all, "runtime"] as const,
  list: (params: ListJobsParams) => [...jobQueryKeys.all, "list", params] as const,
  detail: (id: string) => [...jobQueryKeys.all, "detail", id] as const,
}

export type StatusColor = "grey" | "blue" | "orange" | "green" | "red"

export const JOB_STATUS_META: Record<JobStatus, { label: string; color: StatusColor }> = {
  queued: { label: "Queued", color: "grey" },
  active: { label: "Active", color: "blue" },
  retrying: { label: "Retrying", color: "orange" },
  completed: { label: "Completed", color: "green" },
  failed: { label: "Failed", color: "red" },
  cancelled: { label: "Cancelled", color: "grey" },
}
