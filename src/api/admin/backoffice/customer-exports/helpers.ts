import type { MedusaRequest } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { jobsService, JOB_FIELDS } from "../jobs/helpers"
import {
  CUSTOMER_EXPORT_JOB,
  type CustomerExportPayload,
  type CustomerExportResult,
} from "../../../../workers/customer-export"

type JobRecord = {
  id: string
  type: string
  status: string
  progress: number
  counts: Record<string, number> | null
  message: string | null
  payload: Record<string, unknown> | null
  result: unknown
  error: string | null
  created_by: string | null
  created_at: Date | string
  started_at: Date | string | null
  finished_at: Date | string | null
}

/**
 * An export is its background job: the job record holds the filter (payload),
 * the progress and, once completed, the file (result).
 */
export function toCustomerExport(job: JobRecord) {
  const payload = (job.payload ?? {}) as Partial<CustomerExportPayload>
  const result =
    job.status === "completed" ? ((job.result ?? null) as CustomerExportResult | null) : null
  return {
    id: job.id,
    format: payload.format ?? "csv",
    filters: payload.filters ?? {},
    include_notes: !!payload.notes,
    status: job.status,
    progress: job.progress,
    processed: job.counts?.processed ?? 0,
    total: job.counts?.total ?? null,
    rows: result?.rows ?? null,
    file_name: result?.file_name ?? null,
    /** set once the file was deleted by the retention (exportRetentionDays): the admin shows "File expired" */
    file_expired_at: result?.file_expired_at ?? null,
    download_url: result?.file_id
      ? `/admin/backoffice/customer-exports/${job.id}/download`
      : null,
    message: job.message,
    error: job.error,
    created_by: job.created_by,
    created_at: job.created_at,
    finished_at: job.finished_at,
    job: { id: job.id, status: job.status, progress: job.progress },
  }
}

/** The export job with this id; 404 for other ids and other job types. */
export async function retrieveExportJob(req: MedusaRequest, id: string): Promise<JobRecord> {
  const [job] = (await jobsService(req).listBackofficeJobs(
    { id, type: CUSTOMER_EXPORT_JOB },
    { select: [...JOB_FIELDS], take: 1 }
  )) as JobRecord[]
  if (!job) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Customer export ${id} was not found`)
  }
  return job
}
