import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { IFileModuleService } from "@medusajs/framework/types"
import { defineJob, PermanentJobError } from "../modules/backoffice-jobs/runtime/registry"
import {
  EXPORT_CONTENT_TYPES,
  EXPORT_FORMATS,
  type ExportFilters,
  type ExportFormat,
  countExportCustomers,
  exportFileName,
  exportListParams,
  rowWriter,
  writeCustomerExport,
} from "../lib/customer-io/export"

export const CUSTOMER_EXPORT_JOB = "customer_export.run"

export type CustomerExportPayload = {
  format: ExportFormat
  filters: ExportFilters
  /** Makes every export request its own job. */
  nonce?: string
}

export type CustomerExportResult = {
  /** null once the file expired (exportRetentionDays) */
  file_id: string | null
  /** when the files retention deleted the file */
  file_expired_at?: string | null
  file_name: string
  format: ExportFormat
  content_type: string
  rows: number
}

/**
 * "Export customers": the customers of the list filter in the payload (the
 * payload holds filter parameters only), written page by page into a file
 * of Medusa's File module. A retried attempt starts the file again.
 */
export const customerExportJob = defineJob<CustomerExportPayload>({
  type: CUSTOMER_EXPORT_JOB,
  label: "Export customers",
  queue: "exports",
  async run(ctx) {
    const { format, filters } = ctx.job.payload
    if (!EXPORT_FORMATS.includes(format)) {
      throw new PermanentJobError(`Unknown export format "${format}"`)
    }
    const knex: Knex = ctx.container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
    const files: IFileModuleService = ctx.container.resolve(Modules.FILE)
    const params = exportListParams(filters ?? {})
    const total = await countExportCustomers(knex, params)
    await ctx.progress({ processed: 0, total })

    const fileName = exportFileName(format)
    const upload = await files.getUploadStream({
      filename: fileName,
      mimeType: EXPORT_CONTENT_TYPES[format],
      access: "private",
    })
    let rows: number
    try {
      rows = await writeCustomerExport({
        knex,
        params,
        writer: rowWriter(format, upload.writeStream),
        onPage: async (written) => {
          ctx.throwIfCancelled()
          await ctx.progress({ processed: written, total: Math.max(total, written) })
        },
      })
      await upload.promise
    } catch (e) {
      upload.writeStream.destroy()
      await upload.promise.catch(() => undefined)
      await files.deleteFiles(upload.fileKey).catch(() => undefined)
      throw e
    }
    await ctx.progress({ processed: rows, total: rows })
    const result: CustomerExportResult = {
      file_id: upload.fileKey,
      file_name: fileName,
      format,
      content_type: EXPORT_CONTENT_TYPES[format],
      rows,
    }
    return result
  },
})
