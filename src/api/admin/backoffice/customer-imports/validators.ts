import { z } from "@medusajs/framework/zod"
import { ROW_FILTERS } from "../../../../lib/customer-import/pipeline"
import { FILE_ENCODING_KEYS } from "../../../../lib/customer-io/encodings"

export const ListImportRunsQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(20),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict()
export type ListImportRunsQueryType = z.infer<typeof ListImportRunsQuery>

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

/** Read the file again with the encoding the merchant chose. */
export const ParseImportBody = z
  .object({
    encoding: z.enum(FILE_ENCODING_KEYS, { message: `Choose one of: ${FILE_ENCODING_KEYS.join(", ")}` }),
  })
  .strict()
export type ParseImportBodyType = z.infer<typeof ParseImportBody>
