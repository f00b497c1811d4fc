import { z } from "@medusajs/framework/zod"

const customerId = z
  .string({ error: "Must be a customer id" })
  .regex(/^[A-Za-z0-9_]{1,100}$/, "Must be a customer id such as cus_01…")

export const ListDuplicatesQuery = z
  .object({
    confidence: z.enum(["likely", "possible"], { error: "Must be likely or possible" }).optional(),
    customer_id: customerId.optional(),
    limit: z.coerce.number({ error: "Must be a number" }).int().min(1).max(200).default(20),
    offset: z.coerce.number({ error: "Must be a number" }).int().min(0).max(1_000_000).default(0),
  })
  .strict()
export type ListDuplicatesQueryType = z.infer<typeof ListDuplicatesQuery>

export const ScanDuplicatesBody = z
  .object({
    /** full: every customer; incremental: those changed since the last scan (the default after a first scan). */
    mode: z.enum(["full", "incremental"], { error: "Must be full or incremental" }).optional(),
  })
  .strict()
export type ScanDuplicatesBodyType = z.infer<typeof ScanDuplicatesBody>

export const DismissDuplicateBody = z
  .object({
    customer_ids: z
      .array(customerId, { error: "Send the two customers' ids" })
      .length(2, "Send exactly two customer ids")
      .refine((ids) => ids[0] !== ids[1], "The two customer ids must differ"),
  })
  .strict()
export type DismissDuplicateBodyType = z.infer<typeof DismissDuplicateBody>
