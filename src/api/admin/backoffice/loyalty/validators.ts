import { z } from "@medusajs/framework/zod"
import { dateInput } from "../../../../lib/validation/input"
import { ENTRY_KINDS } from "../../../../modules/customer-points/models/points-entry"

const csvOrArray = <T extends z.ZodTypeAny>(item: T) =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.split(",").filter(Boolean) : v),
    z.array(item)
  )

export const AdjustPointsBody = z
  .object({
    direction: z.enum(["add", "remove"], { error: "Must be add or remove" }),
    points: z
      .number({ error: "Enter a number of points" })
      .int("Points must be a whole number")
      .positive("Points must be greater than 0")
      .max(1_000_000_000, "At most 1,000,000,000 points at once"),
    reason: z
      .string({ error: "Say why the points change (a reason is required)" })
      .trim()
      .min(1, "Say why the points change (a reason is required)")
      .max(500, "A reason can have at most 500 characters"),
    /** Sent by the dialog so a double submit applies once. */
    idempotency_key: z.string().min(8).max(200).optional(),
  })
  .strict()
export type AdjustPointsBodyType = z.infer<typeof AdjustPointsBody>

export const UpdateLoyaltyBody = z
  .object({
    enrolled: z.boolean({ error: "Must be true or false" }).optional(),
    code: z
      .string({ error: "Enter the account code" })
      .transform((s) => s.replace(/\s+/g, "").toUpperCase())
      .pipe(
        z
          .string()
          .regex(/^[A-Z0-9-]{4,32}$/, "The code must be 4 to 32 letters, digits or dashes")
      )
      .optional(),
  })
  .strict()
  .refine((b) => b.enrolled !== undefined || b.code !== undefined, {
    message: "Send enrolled or code",
  })
export type UpdateLoyaltyBodyType = z.infer<typeof UpdateLoyaltyBody>

export const HistoryQuery = z
  .object({
    kind: csvOrArray(z.enum([...ENTRY_KINDS], { error: `Kinds: ${ENTRY_KINDS.join(", ")}` })).optional(),
    from: dateInput().optional(),
    /** A date alone means the whole day. */
    to: dateInput({ endOfDay: true, inclusive: true }).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(20),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict()
export type HistoryQueryType = z.infer<typeof HistoryQuery>

export const EmptyBody = z.object({}).strict()
