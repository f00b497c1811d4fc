import { z } from "@medusajs/framework/zod"
import { ROW_FILTERS } from "../../../../lib/customer-import/pipeline"

export const ListImportRunsQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(20),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict()
export type ListImportRunsQueryType = z.infer<typeof ListImportRunsQuery>

/** The text fields sent with an import upload (multipart). */
export const UploadImportFields = z
  .object({
    parent_run_id: z
      .string()
      .max(100)
      .regex(/^cimp_[0-9A-Za-z]+$/, "must be the id of an import (cimp_…)")
      .optional(),
  })
  .strict()

export const ListImportRowsQuery = z
  .object({
    filter: z.enum([...ROW_FILTERS]).default("all"),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict()
export type ListImportRowsQueryType = z.infer<typeof ListImportRowsQuery>

export const ImportMappingBody = z
  .object({
    mapping: z.record(z.string(), z.string().min(1).max(100).nullable()),
  })
  .strict()
export type ImportMappingBodyType = z.infer<typeof ImportMappingBody>

export const EditImportRowBody = z
  .object({
    values: z.record(z.string(), z.string().max(10_000)).optional(),
    excluded: z.boolean().optional(),
  })
  .strict()
  .refine((b) => b.values !== undefined || b.excluded !== undefined, {
    message: "Give values or excluded",
  })
export type EditImportRowBodyType = z.infer<typeof EditImportRowBody>

export const ConfirmImportBody = z
  .object({
    backup: z.boolean().default(true),
  })
  .strict()
export type ConfirmImportBodyType = z.infer<typeof ConfirmImportBody>
