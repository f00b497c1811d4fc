import { z } from "@medusajs/framework/zod"
import { checkVatNumber } from "../../../../lib/validation/vat"
import { ACCOUNT_CODE_MESSAGE, ACCOUNT_CODE_RE } from "../../../../lib/validation/trade"
import { ACCOUNT_TYPES } from "../../../../modules/trade-accounts/models/trade-account"
import { APPLICATION_STATUSES } from "../../../../modules/trade-accounts/models/trade-application"
import { textProblem } from "../../../../lib/validation/input"
import { validateEmail } from "../../../../lib/validation/email"

/** NUL, C0/C1 control characters (except tab and new line) and bidi overrides. */

const blankToNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v)

/** Trimmed text without control or bidi characters; "" means null. */
export const text = (max: number) =>
  z.preprocess(
    blankToNull,
    z
      .string({ error: "Must be text" })
      .trim()
      .max(max, `At most ${max} characters`)
      .refine((s) => !textProblem(s, { multiLine: true }), "Must not contain control or direction characters")
      .nullable()
  )

/** Required trimmed text; missing, blank or null gives `missing`. */
export const requiredText = (max: number, missing: string) =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.trim() : v),
    z
      .string({ error: missing })
      .min(1, missing)
      .max(max, `At most ${max} characters`)
      .refine((s) => !textProblem(s, { multiLine: true }), "Must not contain control or direction characters")
  )

export const vatNumber = z.preprocess(
  blankToNull,
  z
    .string({ error: "Must be text" })
    .max(40, "At most 40 characters")
    .nullable()
    .transform((v, ctx) => {
      if (v === null) return null
      const r = checkVatNumber(v)
      if (!r.ok) {
        ctx.addIssue({ code: "custom", message: r.message })
        return z.NEVER
      }
      return r.value
    })
)

export const discountPercent = z
  .number({ error: "Enter a percentage between 0 and 100" })
  .min(0, "The discount must be between 0 and 100 %")
  .max(100, "The discount must be between 0 and 100 %")
  .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, "At most two decimals")

export const accountCode = z.preprocess(
  blankToNull,
  z
    .string({ error: "Must be text" })
    .transform((s) => s.trim().toUpperCase())
    .pipe(z.string().regex(ACCOUNT_CODE_RE, ACCOUNT_CODE_MESSAGE))
    .nullable()
)

const priceListId = z.preprocess(
  blankToNull,
  z.string({ error: "Must be a price list id" }).max(100).nullable()
)

const address = z
  .object({
    address_1: text(200).optional(),
    address_2: text(200).optional(),
    city: text(100).optional(),
    province: text(100).optional(),
    postal_code: text(20).optional(),
    country_code: z
      .string()
      .regex(/^[A-Za-z]{2}$/, "A two-letter country code such as GB")
      .transform((s) => s.toLowerCase())
      .optional(),
  })
  .strict()

/** POST /store/backoffice/trade-applications: only these fields; nothing about approval. */
export const StoreApplyBody = z
  .object({
    company_name: requiredText(200, "Enter the company name"),
    company_number: text(40).optional(),
    vat_number: vatNumber.optional(),
    phone: text(40).optional(),
    address: address.nullable().optional(),
    note: text(2000).optional(),
    first_name: text(100).optional(),
    last_name: text(100).optional(),
  })
  .strict()
export type StoreApplyBodyType = z.infer<typeof StoreApplyBody>

export const ListApplicationsQuery = z
  .object({
    status: z
      .enum([...APPLICATION_STATUSES], { error: `One of ${APPLICATION_STATUSES.join(", ")}` })
      .optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict()
export type ListApplicationsQueryType = z.infer<typeof ListApplicationsQuery>

export const ApproveBody = z
  .object({
    price_list_id: priceListId.optional(),
    discount_percent: discountPercent.optional(),
    free_delivery: z.boolean({ error: "Must be true or false" }).optional(),
    account_code: accountCode.optional(),
  })
  .strict()
export type ApproveBodyType = z.infer<typeof ApproveBody>

export const RejectBody = z
  .object({
    reason: requiredText(1000, "Say why the application is rejected"),
  })
  .strict()
export type RejectBodyType = z.infer<typeof RejectBody>

/** POST /admin/backoffice/customers/:id/account: the Account tab. */
export const UpdateAccountBody = z
  .object({
    account_type: z.enum([...ACCOUNT_TYPES], { error: "retail or trade" }).optional(),
    account_code: accountCode.optional(),
    company_name: text(200).optional(),
    company_number: text(40).optional(),
    vat_number: vatNumber.optional(),
    free_delivery: z.boolean({ error: "Must be true or false" }).optional(),
    discount_percent: discountPercent.optional(),
    price_list_id: priceListId.optional(),
    active: z.boolean({ error: "Must be true or false" }).optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: "Send at least one field" })
export type UpdateAccountBodyType = z.infer<typeof UpdateAccountBody>

const TERMS = ["price_list_id", "discount_percent", "free_delivery", "account_code"] as const

/**
 * POST /admin/backoffice/trade-applications: staff register an existing
 * customer (`customer_id`) or a new one (`email`, names) as a trade applicant;
 * `approve: true` (with the terms) makes it an approved trade account at once.
 */
export const RegisterTradeBody = z
  .object({
    customer_id: z.string({ error: "Must be a customer id" }).trim().min(1).max(100).optional(),
    email: z
      .string({ error: "Must be text" })
      .transform((v, ctx) => {
        const r = validateEmail(v, { required: true })
        if (!r.ok) {
          ctx.addIssue({ code: "custom", message: r.message })
          return z.NEVER
        }
        return r.value as string
      })
      .optional(),
    first_name: text(100).optional(),
    last_name: text(100).optional(),
    company_name: requiredText(200, "Enter the company name"),
    company_number: text(40).optional(),
    vat_number: vatNumber.optional(),
    phone: text(40).optional(),
    address: address.nullable().optional(),
    note: text(2000).optional(),
    approve: z.boolean({ error: "Must be true or false" }).optional(),
    price_list_id: priceListId.optional(),
    discount_percent: discountPercent.optional(),
    free_delivery: z.boolean({ error: "Must be true or false" }).optional(),
    account_code: accountCode.optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (!b.customer_id === !b.email) {
      ctx.addIssue({
        code: "custom",
        path: [b.customer_id ? "email" : "customer_id"],
        message: b.customer_id
          ? "Give either customer_id (an existing customer) or email (a new one), not both"
          : "Choose an existing customer (customer_id) or give the new customer's email",
      })
    }
    if (b.customer_id && (b.first_name || b.last_name)) {
      ctx.addIssue({
        code: "custom",
        path: [b.first_name ? "first_name" : "last_name"],
        message: "Names are only set for a new customer; edit an existing customer's name on its page",
      })
    }
    if (!b.approve) {
      for (const k of TERMS) {
        if (b[k] !== undefined) {
          ctx.addIssue({ code: "custom", path: [k], message: "Terms are set when approving: send approve: true" })
        }
      }
    }
  })
export type RegisterTradeBodyType = z.infer<typeof RegisterTradeBody>
