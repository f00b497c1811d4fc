import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { customerFiles } from "../lib/customer-files"
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
  /** The file also lists each customer's notes (Staff Notes column). */
  notes?: boolean
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
 * payload holds filter parameters only), written page by page into a
 * customer file (random key, served only by the download route). A retried attempt starts the file again.
 */
export const customerExportJob = defineJob<CustomerExportPayload>({
  type: CUSTOMER_EXPORT_JOB,
  label: "Export customers",
  queue: "exports",
  async run(ctx) {
    const { format, filters, notes } = ctx.job.payload
    if (!EXPORT_FORMATS.includes(format)) {
      throw new PermanentJobError(`Unknown export format "${format}"`)
    }
    const knex: Knex = ctx.container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
    const files = customerFiles(ctx.container)
    const params = exportListParams(filters ?? {})
    const total = await countExportCustomers(knex, params)
    await ctx.progress({ processed: 0, total })

    const fileName = exportFileName(format)
    const upload = await files.upload({
      kind: "customer-export",
      ext: format,
      mimeType: EXPORT_CONTENT_TYPES[format],
    })
    let fileKey: string
    let rows: number
    try {
      rows = await writeCustomerExport({
        knex,
        params,
        writer: rowWriter(format, upload.writeStream, { notes: !!notes }),
        notes: !!notes,
        onPage: async (written) => {
          ctx.throwIfCancelled()
          await ctx.progress({ processed: written, total: Math.max(total, written) })
        },
      })
      fileKey = await upload.done
    } catch (e) {
      // a destroyed upload deletes what it had written
      upload.writeStream.destroy()
      await upload.done.catch(() => undefined)
      throw e
    }
    await ctx.progress({ processed: rows, total: rows })
    const result: CustomerExportResult = {
      file_id: fileKey,
      file_name: fileName,
      format,
      content_type: EXPORT_CONTENT_TYPES[format],
      rows,
    }
    return result
  },
})
