import { z } from "@medusajs/framework/zod"
import { dateInput, singleLine } from "../../../../lib/validation/input"
import { validateEmail } from "../../../../lib/validation/email"
import { countryField, phoneField } from "../../../../lib/validation/profile"
import type { PhoneCountries } from "../../../../lib/validation/phone"
import { NOTE_MAX_LENGTH } from "../../../../modules/customer-engagement/models/customer-note"

export const EmailBounceBody = z
  .object({
    email: z.unknown().transform((v, ctx) => {
      const r = validateEmail(v, { required: true })
      if (!r.ok || !r.value) {
        ctx.addIssue({ code: "custom", message: r.ok ? "Email is required" : r.message })
        return z.NEVER
      }
      return r.value
    }),
    attempted_at: dateInput()
      .refine((d) => d.getTime() <= Date.now() + 5 * 60_000, "attempted_at cannot be in the future")
      .optional(),
  })
  .strict()

export const CreateReferralSourceBody = z
  .object({
    name: z.string().trim().min(1, "Name is required").max(100, "At most 100 characters"),
    rank: z.number().int().min(0).max(100_000).optional(),
    active: z.boolean().optional(),
  })
  .strict()

export const UpdateReferralSourceBody = CreateReferralSourceBody.partial().strict()

export const ListReferralSourcesQuery = z
  .object({
    active: z.enum(["true", "false"]).optional(),
  })
  .strict()

const blankToNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v)
const line = (max: number) =>
  z.preprocess(blankToNull, singleLine(z.string().trim().max(max, `At most ${max} characters`)).nullable()).optional()
const ids = (what: string) =>
  z.array(z.string().min(1, `Not a ${what} id`).max(100), { error: `A list of ${what} ids` }).max(200).default([])

/**
 * POST /admin/backoffice/customers ("+ New customer"): the same email and
 * phone rules as every customer write (plugin options: email required,
 * default phone country).
 */
export const AdminCreateCustomerBody = (defaultCountry: PhoneCountries, emailRequired: boolean) =>
  z
    .object({
      first_name: line(100),
      last_name: line(100),
      company_name: line(200),
      email: z.unknown().transform((v, ctx): string | null => {
        const r = validateEmail(v, { required: emailRequired })
        if (!r.ok) {
          ctx.addIssue({ code: "custom", message: r.message })
          return z.NEVER
        }
        return r.value
      }),
      phone: phoneField(defaultCountry),
      address: z
        .object({
          company: line(200),
          address_1: line(200),
          address_2: line(200),
          city: line(100),
          province: line(100),
          postal_code: line(20),
          country_code: countryField,
          phone: phoneField(defaultCountry),
        })
        .strict()
        .nullable()
        .optional(),
      stores: ids("store"),
      categories: ids("category"),
      new_category: line(100),
      marketing_opt_out: z.boolean({ error: "Must be true or false" }).default(false),
      note: z
        .preprocess(blankToNull, z.string({ error: "Must be text" }).trim().max(NOTE_MAX_LENGTH, `At most ${NOTE_MAX_LENGTH} characters`).nullable())
        .optional(),
      loyalty: z.boolean({ error: "Must be true or false" }).default(false),
    })
    .strict()
    .superRefine((b, ctx) => {
      if (!b.email && !b.first_name && !b.last_name && !b.company_name) {
        ctx.addIssue({ code: "custom", path: ["first_name"], message: "Enter a name or an email address" })
      }
    })
export type AdminCreateCustomerBodyType = z.infer<ReturnType<typeof AdminCreateCustomerBody>>
