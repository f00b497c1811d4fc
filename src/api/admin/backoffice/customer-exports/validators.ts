import { z } from "@medusajs/framework/zod"
import { CUSTOMER_STATUSES } from "../../../../lib/customer-list/status"
import { EXPORT_FORMATS } from "../../../../lib/customer-io/export"
import { ACCOUNT_TYPE_FILTERS } from "../../../../lib/customer-list/account-type"
import { csvOrArray, dateBound, order, SALES_SORT_KEYS, SpentMoreThan } from "../customers/list-validators"

/** `true`/`false` as JSON booleans or as the list's query-string values. */
const flag = z.preprocess(
  (v) => (v === "true" ? true : v === "false" ? false : v),
  z.boolean({ error: "must be true or false" })
)

/**
 * POST /admin/backoffice/customer-exports: the format plus the customer
 * list's own filter parameters (same names and rules as its query string).
 */
export const CreateCustomerExportBody = z
  .object({
    format: z.enum([...EXPORT_FORMATS]).default("csv"),
    /** Adds a Staff Notes column with every note of each customer. */
    include_notes: flag.optional(),
    q: z.string().trim().max(200).optional(),
    status: csvOrArray(z.enum([...CUSTOMER_STATUSES])).optional(),
    category: csvOrArray(z.string().min(1).max(100)).optional(),
    store: csvOrArray(z.string().min(1).max(100)).optional(),
    invalid_email: flag.optional(),
    birthday_this_month: flag.optional(),
    outstanding_balance: flag.optional(),
    over_credit_limit: flag.optional(),
    account_type: csvOrArray(z.enum([...ACCOUNT_TYPE_FILTERS])).optional(),
    has_duplicates: flag.optional(),
    created_from: dateBound(false).optional(),
    created_to: dateBound(true).optional(),
    spent_more_than: SpentMoreThan.optional(),
    no_order_since: dateBound(false).optional(),
    order: order(["name", "email", "created_at", ...SALES_SORT_KEYS], "-created_at"),
  })
  .strict()
  .refine((v) => !v.created_from || !v.created_to || v.created_from < v.created_to, {
    message: "must be after created_from",
    path: ["created_to"],
  })
export type CreateCustomerExportBodyType = z.infer<typeof CreateCustomerExportBody>

export const ListCustomerExportsQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(10),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict()
export type ListCustomerExportsQueryType = z.infer<typeof ListCustomerExportsQuery>

/** POST /admin/backoffice/customer-exports/expire-files takes no parameters. */
export const ExpireFilesBody = z.object({}).strict()
