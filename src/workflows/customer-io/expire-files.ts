import { createStep, createWorkflow, StepResponse, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { customerFiles } from "../../lib/customer-files"
import { BACKOFFICE_JOBS_MODULE } from "../../modules/backoffice-jobs"
import type BackofficeJobsModuleService from "../../modules/backoffice-jobs/service"
import { importService } from "../customer-import/context"
import type { ExpiredBackup, ExpiredExport } from "../../lib/customer-io/retention"

export type ExpireCustomerFilesInput = {
  exports: ExpiredExport[]
  backups: ExpiredBackup[]
  expired_at: string
}

/**
 * Marks the exports and import backups as expired (no file any more, and
 * when): the export job's result loses its `file_id` and gets
 * `file_expired_at`, the import run loses its `backup_file_id` and gets
 * `backup_expired_at`. Compensation puts the previous values back.
 */
export const markCustomerFilesExpiredStep = createStep(
  "cbo-mark-customer-files-expired",
  async (input: ExpireCustomerFilesInput, { container }) => {
    const jobs: BackofficeJobsModuleService = container.resolve(BACKOFFICE_JOBS_MODULE)
    const runs = importService(container)
    if (input.exports.length) {
      await jobs.updateBackofficeJobs(
        input.exports.map((e) => ({
          id: e.id,
          result: { ...e.result, file_id: null, file_expired_at: input.expired_at },
        })) as never
      )
    }
    if (input.backups.length) {
      await runs.updateImportRuns(
        input.backups.map((b) => ({
          id: b.id,
          backup_file_id: null,
          backup_expired_at: new Date(input.expired_at),
        })) as never
      )
    }
    return new StepResponse(
      {
        file_ids: [
          ...input.exports.map((e) => String(e.result.file_id)),
          ...input.backups.map((b) => b.backup_file_id),
        ],
      },
      input
    )
  },
  async (input, { container }) => {
    if (!input) return
    const jobs: BackofficeJobsModuleService = container.resolve(BACKOFFICE_JOBS_MODULE)
    if (input.exports.length) {
      await jobs.updateBackofficeJobs(input.exports.map((e) => ({ id: e.id, result: e.result })) as never)
    }
    if (input.backups.length) {
      await importService(container).updateImportRuns(
        input.backups.map((b) => ({ id: b.id, backup_file_id: b.backup_file_id, backup_expired_at: null })) as never
      )
    }
  }
)

/** Deletes customer files (the last step: a deleted file cannot be brought back). */
export const deleteCustomerFilesStep = createStep(
  "cbo-delete-customer-files",
  async (input: { file_ids: string[] }, { container }) => {
    if (input.file_ids.length) {
      await customerFiles(container).remove(input.file_ids)
    }
    return new StepResponse({ deleted: input.file_ids.length })
  }
)

/** Deletes expired export and backup files and marks their records "File expired". */
export const expireCustomerFilesWorkflow = createWorkflow(
  "cbo-expire-customer-files",
  (input: ExpireCustomerFilesInput) => {
    const marked = markCustomerFilesExpiredStep(input)
    const deleted = deleteCustomerFilesStep(transform({ marked }, ({ marked }) => ({ file_ids: marked.file_ids })))
    return new WorkflowResponse(deleted)
  }
)
