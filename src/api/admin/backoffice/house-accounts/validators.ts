import { z } from "@medusajs/framework/zod"
import { MAX_AMOUNT } from "../../../../types/house-accounts"
import { textProblem } from "../../../../lib/validation/input"

const text = (label: string, max: number) =>
  z
    .string({ error: `${label} must be text` })
    .trim()
    .max(max, `${label}: at most ${max} characters`)
    .refine((s) => !textProblem(s, { multiLine: true }), `${label} contains control or direction characters`)

/** Minor units: a whole number, within what a JavaScript number holds exactly. */
const minor = (label: string, min: number) =>
  z
    .number({ error: `${label}: a whole number of minor units (e.g. 1250 for 12.50)` })
    .int(`${label}: a whole number of minor units (e.g. 1250 for 12.50)`)
    .min(min, min === 0 ? `${label} cannot be negative` : `${label} must be greater than 0`)
    .max(MAX_AMOUNT, `${label} is too large`)

const STATUSES = ["active", "on_hold", "closed"] as const
const customerIds = z.array(text("customer id", 100).pipe(z.string().min(1))).max(100, "At most 100 customers at once")

const csvOrArray = <T extends z.ZodTypeAny>(item: T) =>
  z.preprocess((v) => (typeof v === "string" ? v.split(",").filter(Boolean) : v), z.array(item))

const booleanString = z.preprocess(
  (v) => (v === "true" || v === "1" ? true : v === "false" || v === "0" ? false : v),
  z.boolean({ error: "true or false" })
)

/** A date, bounded to years 2000–2100; a date alone in `to` means the whole day. */
const dateField = (endOfDay: boolean) =>
  z.preprocess(
    (v) =>
      endOfDay && typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v)
        ? new Date(Date.parse(`${v}T00:00:00Z`) + 86_400_000 - 1)
        : v,
    z.coerce
      .date({ error: "A date such as 2026-01-31" })
      .min(new Date("2000-01-01T00:00:00Z"), "A date from 2000 on")
      .max(new Date("2100-12-31T23:59:59Z"), "A date before 2101")
  )

export const CreateHouseAccountBody = z
  .object({
    account_number: text("account_number", 32)
      .transform((s) => s.replace(/\s+/g, "").toUpperCase())
      .pipe(z.string().regex(/^[A-Z0-9][A-Z0-9-]{2,31}$/, "account_number: 3 to 32 letters, digits or dashes"))
      .optional(),
    name: text("name", 200).pipe(z.string().min(1, "name: give the account a name")),
    currency_code: z
      .string({ error: "currency_code: a three-letter currency code" })
      .trim()
      .regex(/^[A-Za-z]{3}$/, "currency_code: a three-letter currency code")
      .transform((s) => s.toLowerCase()),
    credit_limit: minor("credit_limit", 0),
    order_limit: minor("order_limit", 1).nullable().optional(),
    status: z.enum(STATUSES, { error: "status: active, on_hold or closed" }).optional(),
    customer_ids: customerIds.optional(),
  })
  .strict()
export type CreateHouseAccountBodyType = z.infer<typeof CreateHouseAccountBody>

export const UpdateHouseAccountBody = z
  .object({
    name: text("name", 200).pipe(z.string().min(1, "name cannot be empty")).optional(),
    credit_limit: minor("credit_limit", 0).optional(),
    order_limit: minor("order_limit", 1).nullable().optional(),
    status: z.enum(STATUSES, { error: "status: active, on_hold or closed" }).optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: "Send name, credit_limit, order_limit or status" })
export type UpdateHouseAccountBodyType = z.infer<typeof UpdateHouseAccountBody>

export const HouseAccountCustomersBody = z
  .object({ add: customerIds.optional(), remove: customerIds.optional() })
  .strict()
  .refine((b) => (b.add?.length ?? 0) + (b.remove?.length ?? 0) > 0, { message: "Send add or remove" })
export type HouseAccountCustomersBodyType = z.infer<typeof HouseAccountCustomersBody>

export const PAYMENT_METHODS = ["cash", "card", "bank_transfer", "cheque", "other"] as const

/**
 * charge and payment: amount > 0 (a payment lowers the balance by it);
 * adjustment: amount ≠ 0 (> 0 raises what is owed), with a reason.
 */
export const PostEntryBody = z
  .object({
    kind: z.enum(["charge", "payment", "adjustment"], { error: "kind: charge, payment or adjustment" }),
    amount: z
      .number({ error: "amount: a whole number of minor units (e.g. 1250 for 12.50)" })
      .int("amount: a whole number of minor units (e.g. 1250 for 12.50)")
      .min(-MAX_AMOUNT, "amount is too large")
      .max(MAX_AMOUNT, "amount is too large")
      .refine((n) => n !== 0, "amount cannot be 0"),
    method: z.enum(PAYMENT_METHODS, { error: `method: ${PAYMENT_METHODS.join(", ")}` }).optional(),
    reason: text("reason", 500).optional(),
    reference: text("reference", 200).optional(),
    /** The customer who placed the charge (must be assigned to the account). */
    customer_id: text("customer_id", 100).optional(),
    /** Sent by the dialog so a double submit applies once. */
    idempotency_key: text("idempotency_key", 200).pipe(z.string().min(8, "idempotency_key: at least 8 characters")).optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.kind !== "adjustment" && b.amount < 0) {
      ctx.addIssue({ code: "custom", path: ["amount"], message: `amount: a ${b.kind} amount must be greater than 0` })
    }
    if (b.kind === "adjustment" && !b.reason) {
      ctx.addIssue({ code: "custom", path: ["reason"], message: "reason: say why the balance is adjusted" })
    }
    if (b.kind !== "payment" && b.method) {
      ctx.addIssue({ code: "custom", path: ["method"], message: "method: only for a payment" })
    }
  })
export type PostEntryBodyType = z.infer<typeof PostEntryBody>

export const ListHouseAccountsQuery = z
  .object({
    q: text("q", 200).optional(),
    status: csvOrArray(z.enum(STATUSES, { error: "status: active, on_hold or closed" })).optional(),
    with_balance: booleanString.optional(),
    over_limit: booleanString.optional(),
    customer_id: text("customer_id", 100).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(20),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict()
export type ListHouseAccountsQueryType = z.infer<typeof ListHouseAccountsQuery>

export const ListEntriesQuery = z
  .object({
    kind: csvOrArray(
      z.enum(["charge", "refund", "payment", "adjustment"], { error: "kind: charge, refund, payment or adjustment" })
    ).optional(),
    from: dateField(false).optional(),
    to: dateField(true).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(20),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict()
export type ListEntriesQueryType = z.infer<typeof ListEntriesQuery>

/** GET …/:id/statement: the period (default: this month so far, UTC) and the format (json: the figures). */
export const StatementQuery = z
  .object({
    from: dateField(false).optional(),
    to: dateField(true).optional(),
    format: z.enum(["json", "pdf", "csv"], { error: "format: json, pdf or csv" }).default("json"),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from.getTime() <= q.to.getTime(), {
    path: ["from"],
    message: "from: the period starts after it ends",
  })
export type StatementQueryType = z.infer<typeof StatementQuery>

/** POST …/:id/statements: generate and store a statement, optionally e-mail it. */
export const GenerateStatementBody = z
  .object({
    from: dateField(false),
    to: dateField(true),
    email: z.boolean({ error: "email: true or false" }).optional(),
  })
  .strict()
  .refine((q) => q.from.getTime() <= q.to.getTime(), { path: ["from"], message: "from: the period starts after it ends" })
export type GenerateStatementBodyType = z.infer<typeof GenerateStatementBody>

export const ListStatementsQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(20),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict()
export type ListStatementsQueryType = z.infer<typeof ListStatementsQuery>

export const StatementDownloadQuery = z
  .object({ format: z.enum(["pdf", "csv"], { error: "format: pdf or csv" }).default("pdf") })
  .strict()
export type StatementDownloadQueryType = z.infer<typeof StatementDownloadQuery>

/** POST /admin/backoffice/house-accounts/statements/run: the monthly statements job, now. */
export const RunStatementsBody = z
  .object({
    period: z
      .string({ error: "period: a month such as 2026-11" })
      .regex(/^20\d\d-(0[1-9]|1[0-2])$/, "period: a month such as 2026-11")
      .optional(),
    email: z.boolean({ error: "email: true or false" }).optional(),
  })
  .strict()
export type RunStatementsBodyType = z.infer<typeof RunStatementsBody>
