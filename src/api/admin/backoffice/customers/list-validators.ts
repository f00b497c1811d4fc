import { z } from "@medusajs/framework/zod"
import { CUSTOMER_STATUSES } from "../../../../lib/customer-list/status"
import { dateInput } from "../../../../lib/validation/input"
import { ACCOUNT_TYPE_FILTERS } from "../../../../lib/customer-list/account-type"

export const csvOrArray = <T extends z.ZodTypeAny>(item: T) =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.split(",").map((s) => s.trim()).filter(Boolean) : v),
    z.array(item).max(100)
  )

/**
 * A date (`2026-01-31`, read as UTC) or an ISO date-time, years 1900–2200.
 * For an upper bound a plain date includes that whole day.
 */
export const dateBound = (upper: boolean) => dateInput({ endOfDay: upper })

export const order = (keys: readonly string[], def: string) =>
  z
    .string()
    .trim()
    .default(def)
    .refine((s) => keys.includes(s.replace(/^-/, "")), {
      message: `must be one of ${keys.join(", ")}, optionally prefixed with "-" for descending`,
    })

/** Sort keys of the order columns (customer_sales). */
export const SALES_SORT_KEYS = ["order_count", "total_spent", "last_order_at"] as const

/** "Spent more than": integer minor units of the store's default currency. */
export const SpentMoreThan = z.preprocess(
  (v) => (typeof v === "string" && v.trim() !== "" ? Number(v) : v),
  z
    .number({ error: "Must be a whole number of minor units" })
    .int({ error: "Must be a whole number of minor units" })
    .min(0, { error: "Must be 0 or more" })
    .max(1_000_000_000_000, { error: "Must be at most 1000000000000" })
)

const page = {
  limit: z.coerce.number().int().min(1).max(200).default(20),
  offset: z.coerce.number().int().min(0).default(0),
  q: z.string().trim().max(200).optional(),
}

export const ListCustomersQuery = z
  .object({
    ...page,
    status: csvOrArray(z.enum([...CUSTOMER_STATUSES])).optional(),
    category: csvOrArray(z.string().min(1).max(100)).optional(),
    store: csvOrArray(z.string().min(1).max(100)).optional(),
    invalid_email: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
    birthday_this_month: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
    outstanding_balance: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
    over_credit_limit: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
    account_type: csvOrArray(z.enum([...ACCOUNT_TYPE_FILTERS])).optional(),
    has_duplicates: z.enum(["true", "false"], { error: "Must be true or false" }).transform((v) => v === "true").optional(),
    created_from: dateBound(false).optional(),
    created_to: dateBound(true).optional(),
    /** Total spent above this, in minor units of the store's default currency (integer). */
    spent_more_than: SpentMoreThan.optional(),
    /** No purchase on or after this date (customers who never ordered included). */
    no_order_since: dateBound(false).optional(),
    order: order(["name", "email", "created_at", ...SALES_SORT_KEYS], "-created_at"),
  })
  .strict()
  .refine(
    (v) => !v.created_from || !v.created_to || v.created_from < v.created_to,
    { message: "must be after created_from", path: ["created_to"] }
  )
export type ListCustomersQueryType = z.infer<typeof ListCustomersQuery>

export const ListRemovedCustomersQuery = z
  .object({
    ...page,
    order: order(["name", "email", "created_at", "deleted_at"], "-deleted_at"),
  })
  .strict()
export type ListRemovedCustomersQueryType = z.infer<typeof ListRemovedCustomersQuery>

/** At most 1000 customers per bulk action. */
export const CustomerIdsBody = z
  .object({
    ids: z
      .array(z.string().trim().min(1).max(100))
      .min(1, { message: "select at least one customer" })
      .max(1000, { message: "at most 1000 customers at once" }),
  })
  .strict()
export type CustomerIdsBodyType = z.infer<typeof CustomerIdsBody>

export function parseOrder(order: string) {
  return {
    sort: order.replace(/^-/, ""),
    direction: order.startsWith("-") ? ("desc" as const) : ("asc" as const),
  }
}
