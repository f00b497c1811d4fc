import { z } from "@medusajs/framework/zod"
import { PROFILE_FIELDS, type ProfileFieldDescriptor, type ProfileFieldKey } from "../profile-fields/fields"
import { validateEmail } from "./email"
import { type PhoneCountries, validatePhone } from "./phone"
import { DATE_MIN_YEAR, parseDateInput, singleLine } from "./input"
import { countryName, isCountryCode, parseCountry } from "./country"

/** "" and whitespace from forms mean "clear the field". */
const blankToNull = (v: unknown) =>
  typeof v === "string" && v.trim() === "" ? null : v

const text = (max: number) =>
  z.preprocess(blankToNull, singleLine(z.string().trim().max(max, `At most ${max} characters`)).nullable()).optional()

export { countryName, isCountryCode, parseCountry }

/** A calendar date (YYYY-MM-DD or an ISO timestamp) → Date at 00:00 UTC; 1900 or later, never in the future. */
export const pastDate = (label: string) =>
  z
    .preprocess(
      blankToNull,
      z
        .string()
        .nullable()
        .transform((v, ctx) => {
          if (v === null) return null
          const r = parseDateInput(v)
          if (!r.ok) {
            ctx.addIssue({
              code: "custom",
              message: !/between/.test(r.message)
                ? `${label} must be a date (YYYY-MM-DD)`
                : +v.trim().slice(0, 4) < DATE_MIN_YEAR
                  ? `${label} must be after ${DATE_MIN_YEAR}`
                  : `${label} cannot be in the future`,
            })
            return z.NEVER
          }
          const today = new Date().toISOString().slice(0, 10)
          if (r.day > today) {
            ctx.addIssue({ code: "custom", message: `${label} cannot be in the future` })
            return z.NEVER
          }
          return new Date(`${r.day}T00:00:00.000Z`)
        })
    )
    .optional()

export const countryField = z
  .preprocess(
    blankToNull,
    z
      .string()
      .nullable()
      .transform((v, ctx) => {
        if (v === null) return null
        const code = parseCountry(v)
        if (!code) {
          ctx.addIssue({
            code: "custom",
            message: `"${v}" is not a country code (ISO 3166-1 alpha-2, e.g. US, GB, FR) or a country name`,
          })
          return z.NEVER
        }
        return code
      })
  )
  .optional()

export type PhoneValue = { value: string | null; original: string | null }

export const phoneField = (defaultCountry: PhoneCountries) =>
  z
    .unknown()
    .transform((v, ctx): PhoneValue => {
      const r = validatePhone(v, defaultCountry)
      if (!r.ok) {
        ctx.addIssue({ code: "custom", message: r.message })
        return z.NEVER
      }
      return { value: r.value, original: r.original }
    })
    .optional()

export const emailField = (required: boolean) =>
  z
    .unknown()
    .transform((v, ctx): string | null => {
      const r = validateEmail(v, { required })
      if (!r.ok) {
        ctx.addIssue({ code: "custom", message: r.message })
        return z.NEVER
      }
      return r.value
    })
    .optional()

/** The body schema of one profile field (src/lib/profile-fields). */
export function profileFieldSchema(f: ProfileFieldDescriptor) {
  switch (f.kind) {
    case "date":
      return pastDate(f.label)
    case "country":
      return countryField
    case "choice":
      return z.preprocess(blankToNull, z.enum([...(f.options ?? [])] as [string, ...string[]]).nullable()).optional()
    default:
      return text(f.max ?? 200)
  }
}

/** A text, a code, a choice or a calendar date (Date); null clears the field. */
export type ProfileFieldValue = string | Date | null

const fieldShape = (fields: readonly ProfileFieldDescriptor[]) =>
  Object.fromEntries(fields.map((f) => [f.key, profileFieldSchema(f)])) as unknown as Record<
    ProfileFieldKey,
    z.ZodOptional<z.ZodType<ProfileFieldValue>>
  >

/** Fields a customer may edit on their own profile (storefront). */
export const customerEditableShape = (defaultCountry: PhoneCountries) => ({
  ...fieldShape(PROFILE_FIELDS.filter((f) => f.storefront)),
  alt_phone: phoneField(defaultCountry),
  referral_source_id: z.preprocess(blankToNull, singleLine(z.string().max(100)).nullable()).optional(),
})

export const StoreProfileBody = (defaultCountry: PhoneCountries) =>
  z.object(customerEditableShape(defaultCountry)).strict()

/** What staff may edit: the whole profile and the core customer's contact fields. */
export const AdminProfileBody = (defaultCountry: PhoneCountries, emailRequired: boolean) =>
  z
    .object({
      ...customerEditableShape(defaultCountry),
      ...fieldShape(PROFILE_FIELDS.filter((f) => !f.storefront)),
      first_name: text(100),
      last_name: text(100),
      company_name: text(200),
      email: emailField(emailRequired),
      phone: phoneField(defaultCountry),
    })
    .strict()

export type AdminProfileBodyType = z.infer<ReturnType<typeof AdminProfileBody>>
export type StoreProfileBodyType = z.infer<ReturnType<typeof StoreProfileBody>>
