import { z } from "@medusajs/framework/zod"
import { MERGE_FIELDS, MERGE_MAX_SECONDARIES } from "../../../../types/customer-merge"

const customerId = z
  .string({ error: "Must be a customer id" })
  .regex(/^[A-Za-z0-9_]{1,100}$/, "Must be a customer id such as cus_01…")

const secondaryIds = z
  .array(customerId, { error: "Send the ids of the customers to merge into this one" })
  .min(1, "Name at least one customer to merge")
  .max(MERGE_MAX_SECONDARIES, `At most ${MERGE_MAX_SECONDARIES} customers can be merged at once`)

export const MergePreviewBody = z.object({ secondary_ids: secondaryIds }).strict()
export type MergePreviewBodyType = z.infer<typeof MergePreviewBody>

export const MergeBody = z
  .object({
    secondary_ids: secondaryIds,
    /** field → the id of the customer whose value is kept */
    fields: z
      .partialRecord(z.enum(MERGE_FIELDS, { error: `Must be one of ${MERGE_FIELDS.join(", ")}` }), customerId)
      .optional(),
  })
  .strict()
export type MergeBodyType = z.infer<typeof MergeBody>

export const ListMergesQuery = z
  .object({
    customer_id: customerId.optional(),
    limit: z.coerce.number({ error: "Must be a number" }).int().min(1).max(100).default(20),
    offset: z.coerce.number({ error: "Must be a number" }).int().min(0).max(1_000_000).default(0),
  })
  .strict()
export type ListMergesQueryType = z.infer<typeof ListMergesQuery>

export const UndoMergeBody = z.object({}).strict()
