import { z } from "@medusajs/framework/zod"
import { validateEmail } from "../../../../lib/validation/email"
import { TRANSACTION_SORT_KEYS } from "../../../../types/customer-metrics"
import { dateBound, order } from "./list-validators"

/** from (inclusive) and to (a plain date includes that whole day); to after from. */
const period = {
  from: dateBound(false).optional(),
  to: dateBound(true).optional(),
}
const fromBeforeTo = (v: { from?: Date; to?: Date }) => !v.from || !v.to || v.from < v.to
const fromBeforeToIssue = { message: "must be after from", path: ["to"] }

export const CustomerMetricsQuery = z.object(period).strict().refine(fromBeforeTo, fromBeforeToIssue)
export type CustomerMetricsQueryType = z.infer<typeof CustomerMetricsQuery>

export const CustomerTransactionsQuery = z
  .object({
    ...period,
    limit: z.coerce.number().int().min(1).max(100).default(20),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
    order: order(TRANSACTION_SORT_KEYS, "-created_at"),
  })
  .strict()
  .refine(fromBeforeTo, fromBeforeToIssue)
export type CustomerTransactionsQueryType = z.infer<typeof CustomerTransactionsQuery>

/** { email? }: another address than the order's / customer's. */
export const SendReceiptBody = z
  .object({
    email: z
      .unknown()
      .transform((v, ctx) => {
        const r = validateEmail(v)
        if (!r.ok) {
          ctx.addIssue({ code: "custom", message: r.message })
          return z.NEVER
        }
        return r.value ?? undefined
      })
      .optional(),
  })
  .strict()
export type SendReceiptBodyType = z.infer<typeof SendReceiptBody>
