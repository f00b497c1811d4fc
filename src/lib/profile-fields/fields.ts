/**
 * The customer profile's own fields, each declared once: its type and
 * validation, its label, its column in the customer file (header, synonyms,
 * description, examples), whether the customer may edit it on the
 * storefront, what kind of personal data it is, and how the admin edits it.
 *
 * The DML model (customer_profile), the admin and store validators, the API
 * answers, the import (validation, batch columns, undo), the export and the
 * admin form and card all read this list. Adding a field = one entry here and
 * the migration `npx medusa plugin:db:generate` writes for it.
 *
 * Plain data without imports: the admin bundle imports it as well.
 */

export const GENDERS = ["female", "male", "other", "unspecified"] as const
export type Gender = (typeof GENDERS)[number]

export const GENDER_LABELS: Record<Gender, string> = {
  female: "Female",
  male: "Male",
  other: "Other",
  unspecified: "Prefer not to say",
}

/**
 * - text: one line, trimmed, at most `max` characters
 * - date: a calendar date (stored at 00:00 UTC), 1900 or later, never in the future
 * - country: ISO 3166-1 alpha-2 (an import also takes an English country name)
 * - choice: one of `options` (an import also takes `aliases`)
 */
export type ProfileFieldKind = "text" | "date" | "country" | "choice"

/** What the column holds, for the customer-data registry (src/types/customer-data.ts PersonalKind). */
export type ProfileFieldPersonal = "name" | "attribute" | "free-text" | "identifier"

export type ProfileFieldDescriptor = {
  /** The customer_profile column, the API body key and the file column key. */
  key: string
  kind: ProfileFieldKind
  /** Form label, card label and the subject of validation messages. */
  label: string
  /** text: the longest value accepted. */
  max?: number
  /** choice: the stored values, their labels and what an import also accepts. */
  options?: readonly string[]
  optionLabels?: Record<string, string>
  aliases?: Record<string, string>
  /** Unique among live profiles when set (a partial unique index). */
  unique?: boolean
  /** The customer may read and edit it on the storefront (else staff only). */
  storefront: boolean
  personal: ProfileFieldPersonal
  /** The customer file (import and export). */
  csv: {
    header: string
    description: string
    /** Other headers that mean this column (compared case-, space- and punctuation-insensitively). */
    synonyms: string[]
    /** Two example values for the sample file. */
    examples: [string, string]
  }
  /** The admin form. */
  admin?: { placeholder?: string; hint?: string }
}

export const PROFILE_FIELD_LIST = [
  {
    key: "title",
    kind: "text",
    max: 40,
    label: "Title",
    storefront: true,
    personal: "name",
    csv: { header: "Title", description: "Mr, Ms, Dr…", synonyms: ["salutation", "honorific"], examples: ["Ms", "Dr"] },
    admin: { placeholder: "Mr, Ms, Dr…" },
  },
  {
    key: "gender",
    kind: "choice",
    options: GENDERS,
    optionLabels: GENDER_LABELS,
    aliases: { f: "female", m: "male", woman: "female", man: "male" },
    label: "Gender",
    storefront: true,
    personal: "attribute",
    csv: { header: "Gender", description: "female, male, other or unspecified.", synonyms: ["sex"], examples: ["female", "female"] },
  },
  {
    key: "date_of_birth",
    kind: "date",
    label: "Date of birth",
    storefront: true,
    personal: "attribute",
    csv: {
      header: "Date of Birth",
      description: "YYYY-MM-DD.",
      synonyms: ["birthday", "birth date", "dob", "birthdate"],
      examples: ["1985-12-10", "1976-12-09"],
    },
  },
  {
    key: "anniversary",
    kind: "date",
    label: "Anniversary (first visit)",
    storefront: false,
    personal: "attribute",
    csv: {
      header: "Anniversary",
      description: "First visit, YYYY-MM-DD.",
      synonyms: ["first visit", "customer since"],
      examples: ["2024-05-01", ""],
    },
  },
  {
    key: "nationality",
    kind: "country",
    label: "Nationality",
    storefront: true,
    personal: "attribute",
    csv: { header: "Nationality", description: "Country code (ISO 3166-1 alpha-2) or English name.", synonyms: ["citizenship"], examples: ["GB", "US"] },
    admin: { placeholder: "Search for a country", hint: "A country name or code" },
  },
  {
    key: "customer_number",
    kind: "text",
    max: 50,
    unique: true,
    label: "Customer ID number",
    storefront: false,
    personal: "identifier",
    csv: {
      header: "Customer ID Number",
      description: "Your own customer number; unique.",
      synonyms: ["customer number", "customer no", "customer id number", "account number", "member number"],
      examples: ["C-1001", "C-1002"],
    },
    admin: { hint: "Your own reference; unique" },
  },
  {
    key: "gate_code",
    kind: "text",
    max: 50,
    label: "Gate code",
    storefront: true,
    personal: "free-text",
    csv: {
      header: "Gate Code",
      description: "Door or gate code for deliveries.",
      synonyms: ["door code", "access code"],
      examples: ["", "4711"],
    },
    admin: { hint: "For deliveries" },
  },
] as const satisfies readonly ProfileFieldDescriptor[]

export type ProfileFieldKey = (typeof PROFILE_FIELD_LIST)[number]["key"]

/** The fields, typed loosely for code that walks them. */
export const PROFILE_FIELDS: readonly ProfileFieldDescriptor[] = PROFILE_FIELD_LIST

export const PROFILE_FIELD_KEYS = PROFILE_FIELD_LIST.map((f) => f.key) as ProfileFieldKey[]

/** The fields a customer edits on the storefront. */
export const STOREFRONT_PROFILE_FIELD_KEYS = PROFILE_FIELD_LIST.filter((f) => f.storefront).map(
  (f) => f.key
) as ProfileFieldKey[]

export function profileField(key: string): ProfileFieldDescriptor | undefined {
  return PROFILE_FIELDS.find((f) => f.key === key)
}

/** A profile field's value as the API answers it (dates as ISO strings). */
export type ProfileFieldValues = { [K in ProfileFieldKey]: string | null }
