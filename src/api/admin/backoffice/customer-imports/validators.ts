import { z } from "@medusajs/framework/zod"
import { ROW_FILTERS } from "../../../../lib/customer-import/pipeline"
import { FILE_ENCODING_KEYS } from "../../../../lib/customer-io/encodings"
import { textProblem } from "../../../../lib/validation/input"

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

/** The review's "Already in the store?": likely matches by default. */
export const ImportDuplicatesQuery = z
  .object({
    confidence: z.enum(["likely", "possible", "all"], { error: "Must be likely, possible or all" }).default("likely"),
    limit: z.coerce.number({ error: "Must be a number" }).int().min(1).max(200).default(50),
    offset: z.coerce.number({ error: "Must be a number" }).int().min(0).max(1_000_000).default(0),
  })
  .strict()
export type ImportDuplicatesQueryType = z.infer<typeof ImportDuplicatesQuery>

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

const labelName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .refine((v) => !textProblem(v), { message: "Contains control, line-break or direction characters" })

const LabelChoice = z
  .object({
    /** a new value as the review lists it */
    name: labelName,
    /** the name it lands in: an existing category (choice) or a new name; null or empty keeps the value's own name */
    map_to: z.union([labelName, z.literal(""), z.null()]),
  })
  .strict()

export const ImportLabelMapBody = z
  .object({
    new_categories: z.array(LabelChoice).max(500).optional(),
    new_referral_sources: z.array(LabelChoice).max(500).optional(),
  })
  .strict()
  .refine((b) => b.new_categories !== undefined || b.new_referral_sources !== undefined, {
    message: "Give new_categories or new_referral_sources",
  })
export type ImportLabelMapBodyType = z.infer<typeof ImportLabelMapBody>
