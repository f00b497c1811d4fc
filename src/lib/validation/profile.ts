import { z } from "@medusajs/framework/zod"
import { PROFILE_FIELDS, type ProfileFieldDescriptor, type ProfileFieldKey } from "../profile-fields/fields"
import { validateEmail } from "./email"
import { validatePhone } from "./phone"
import { DATE_MIN_YEAR, parseDateInput, singleLine } from "./input"

/** "" and whitespace from forms mean "clear the field". */
const blankToNull = (v: unknown) =>
  typeof v === "string" && v.trim() === "" ? null : v

const text = (max: number) =>
  z.preprocess(blankToNull, singleLine(z.string().trim().max(max, `At most ${max} characters`)).nullable()).optional()

const regionNames = new Intl.DisplayNames(["en"], { type: "region" })

/** ISO 3166-1 alpha-2 officially assigned codes (249), plus XK (Kosovo, in common use). */
const COUNTRY_CODES = new Set(
  ("AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW XK").split(" ")
)

/** ISO 3166-1 alpha-2, upper-cased; unknown codes are refused. */
export function isCountryCode(code: string) {
  return COUNTRY_CODES.has(code)
}

export function countryName(code: string | null | undefined) {
  if (!code) return null
  try {
    return regionNames.of(code) ?? code
  } catch {
    return code
  }
}

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
        const code = v.trim().toUpperCase()
        if (!isCountryCode(code)) {
          ctx.addIssue({
            code: "custom",
            message: `"${v}" is not a country code (ISO 3166-1 alpha-2, e.g. US, GB, FR)`,
          })
          return z.NEVER
        }
        return code
      })
  )
  .optional()

export type PhoneValue = { value: string | null; original: string | null }

export const phoneField = (defaultCountry: string) =>
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
export const customerEditableShape = (defaultCountry: string) => ({
  ...fieldShape(PROFILE_FIELDS.filter((f) => f.storefront)),
  alt_phone: phoneField(defaultCountry),
  referral_source_id: z.preprocess(blankToNull, singleLine(z.string().max(100)).nullable()).optional(),
})

export const StoreProfileBody = (defaultCountry: string) =>
  z.object(customerEditableShape(defaultCountry)).strict()

/** What staff may edit: the whole profile and the core customer's contact fields. */
export const AdminProfileBody = (defaultCountry: string, emailRequired: boolean) =>
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
