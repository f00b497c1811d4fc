/**
 * The customer file format shared by import and export.
 *
 * One list of columns drives the sample `Customers.csv`, the automatic header
 * matching of an import (with synonyms and the headers of a Shopify customer
 * export), and the header row of an export — so that an exported file
 * re-imports with zero changes.
 */
import { PROFILE_FIELDS, type ProfileFieldDescriptor } from "../profile-fields/fields"

export type ColumnKind =
  | "text"
  | "email"
  | "phone"
  | "date"
  | "country"
  | "choice"
  | "boolean"
  | "list"
  | "account"
  | "trade"

export type CustomerColumn = {
  /** Stable key, used in mappings, row values and error maps. */
  key: string
  /** Header written to the sample file and to exports. */
  label: string
  kind: ColumnKind
  /** What the column holds, for the mapping screen. */
  description: string
  /** Other headers that mean this column (compared with `normalizeHeader`). */
  synonyms: string[]
  /** Written by exports but never imported (counts, dates of purchase…). */
  exportOnly?: boolean
  /** Why an export-only column is not imported, when it is not computed. */
  notImported?: string
  /** An export-only column written only when the export asks for it (`exportColumns`). */
  optional?: "notes"
  /** Booleans whose source says the opposite ("Accepts Email Marketing" → opt-out). */
  inverted?: boolean
  /** Two example values for the sample file. */
  examples: [string, string]
  /** A profile field's declaration (src/lib/profile-fields). */
  field?: ProfileFieldDescriptor
}

/** A profile field's column in the customer file. */
function profileFieldColumn(f: ProfileFieldDescriptor): CustomerColumn {
  return {
    key: f.key,
    label: f.csv.header,
    kind: f.kind,
    description: f.csv.description,
    synonyms: [...f.csv.synonyms],
    examples: [...f.csv.examples],
    field: f,
  }
}

/**
 * The trade account's columns (the Account card's fields): imported with its
 * rules (src/lib/customer-import/trade.ts); the commit puts the terms into
 * effect as the Account card does (customer groups, price list, promotions).
 */
const TRADE_COLUMNS: CustomerColumn[] = [
  { key: "account_type", label: "Account Type", kind: "trade", description: "retail or trade (empty: left as it is; a customer without a trade account is retail).", synonyms: ["trade account type"], examples: ["trade", ""] },
  { key: "account_code", label: "Account Code", kind: "trade", description: "The trade account's code in the accounting package (unique, upper case).", synonyms: ["trade account code"], examples: ["AE-001", ""] },
  { key: "trade_company_name", label: "Trade Company", kind: "trade", description: "The trade account's company (kept apart from the customer's Company).", synonyms: ["trade company name"], examples: ["Analytical Engines Ltd", ""] },
  { key: "company_number", label: "Company Number", kind: "trade", description: "Company registration number.", synonyms: ["company no", "registration number"], examples: ["01234567", ""] },
  { key: "vat_number", label: "VAT Number", kind: "trade", description: "VAT number, checked like the Account card (EU, UK, CH, NO… with their check digits).", synonyms: ["vat", "vat no", "tax number"], examples: ["DE136695976", ""] },
  { key: "free_delivery", label: "Free Delivery", kind: "trade", description: "yes/no: the trade account's free delivery term.", synonyms: [], examples: ["yes", ""] },
  { key: "discount_percent", label: "Discount %", kind: "trade", description: "Global discount, 0–100 with at most two decimals (12.50).", synonyms: ["discount percent", "global discount", "discount"], examples: ["12.50", ""] },
  { key: "price_list", label: "Price List", kind: "trade", description: "The trade account's price list: its title (or id).", synonyms: ["pricelist"], examples: ["", ""] },
  { key: "active", label: "Active", kind: "trade", description: "yes/no: an inactive customer cannot log in, use their account or check out.", synonyms: ["account active"], examples: ["yes", ""] },
]

export const CUSTOMER_COLUMNS: CustomerColumn[] = [
  {
    key: "email",
    label: "Email",
    kind: "email",
    description: "Matches an existing customer (registered account first, then guest; see Account).",
    synonyms: ["email address", "e-mail", "mail", "customer email"],
    examples: ["ada.lovelace@example.com", "grace.hopper@example.com"],
  },
  {
    key: "first_name",
    label: "First Name",
    kind: "text",
    description: "Given name.",
    synonyms: ["firstname", "given name", "forename", "first"],
    examples: ["Ada", "Grace"],
  },
  {
    key: "last_name",
    label: "Last Name",
    kind: "text",
    description: "Family name.",
    synonyms: ["lastname", "surname", "family name", "last"],
    examples: ["Lovelace", "Hopper"],
  },
  {
    key: "company_name",
    label: "Company",
    kind: "text",
    description: "Company the customer buys for.",
    synonyms: ["company name", "organisation", "organization", "business"],
    examples: ["Analytical Engines Ltd", ""],
  },
  {
    key: "phone",
    label: "Phone",
    kind: "phone",
    description: "Stored in E.164; numbers without a country code use the default country.",
    synonyms: ["phone number", "telephone", "mobile", "mobile phone", "cell"],
    examples: ["+44 20 7946 0958", "+1 415 555 0134"],
  },
  {
    key: "alt_phone",
    label: "Alternate Phone",
    kind: "phone",
    description: "A second phone number.",
    synonyms: ["alt phone", "alternative phone", "phone 2", "other phone", "secondary phone"],
    examples: ["", "+1 415 555 0199"],
  },
  // title, gender, dates, nationality, customer ID number, gate code…
  ...PROFILE_FIELDS.map(profileFieldColumn),
  {
    key: "referral_source",
    label: "Referral Source",
    kind: "text",
    description: "\"How did you find us?\" — name of an existing referral source.",
    synonyms: ["how did you find us", "source", "referral", "heard about us"],
    examples: ["", ""],
  },
  {
    key: "address_company",
    label: "Address Company",
    kind: "text",
    description: "Default address: company.",
    synonyms: ["default address company"],
    examples: ["Analytical Engines Ltd", ""],
  },
  {
    key: "address_1",
    label: "Address 1",
    kind: "text",
    description: "Default address: street.",
    synonyms: ["address", "address1", "street", "default address address1", "address line 1"],
    examples: ["12 St James's Square", "1 Navy Way"],
  },
  {
    key: "address_2",
    label: "Address 2",
    kind: "text",
    description: "Default address: second line.",
    synonyms: ["address2", "default address address2", "address line 2", "apartment", "suite"],
    examples: ["", "Suite 100"],
  },
  {
    key: "city",
    label: "City",
    kind: "text",
    description: "Default address: city.",
    synonyms: ["default address city", "town"],
    examples: ["London", "Arlington"],
  },
  {
    key: "province",
    label: "Province",
    kind: "text",
    description: "Default address: state, province or region code.",
    synonyms: ["state", "region", "county", "province code", "default address province code", "state code"],
    examples: ["", "VA"],
  },
  {
    key: "postal_code",
    label: "Postal Code",
    kind: "text",
    description: "Default address: postal or ZIP code.",
    synonyms: ["zip", "zip code", "postcode", "post code", "default address zip"],
    examples: ["SW1Y 4JH", "22202"],
  },
  {
    key: "country_code",
    label: "Country",
    kind: "country",
    description: "Default address: country code (ISO 3166-1 alpha-2).",
    synonyms: ["country code", "default address country code"],
    examples: ["GB", "US"],
  },
  {
    key: "address_phone",
    label: "Address Phone",
    kind: "phone",
    description: "Default address: phone.",
    synonyms: ["default address phone"],
    examples: ["", ""],
  },
  {
    key: "categories",
    label: "Categories",
    kind: "list",
    description: "Customer categories, separated by commas or semicolons; unknown names are an error.",
    synonyms: ["category", "customer category", "customer categories", "groups", "customer groups", "tags"],
    examples: ["", ""],
  },
  {
    key: "stores",
    label: "Stores",
    kind: "list",
    description: "Stores (sales channels) by name, separated by commas or semicolons; empty = all stores.",
    synonyms: ["store", "sales channels", "sales channel", "shops"],
    examples: ["", ""],
  },
  {
    key: "marketing_opt_out",
    label: "Marketing Opt-Out",
    kind: "boolean",
    description: "yes when the customer does NOT want marketing email.",
    synonyms: ["opt out", "optout", "marketing opt out", "unsubscribed", "do not email"],
    examples: ["no", "yes"],
  },
  {
    key: "accepts_email_marketing",
    label: "Accepts Email Marketing",
    kind: "boolean",
    inverted: true,
    description: "Shopify's column: yes = may receive marketing email (the opposite of the opt-out).",
    synonyms: ["accepts marketing", "email marketing", "newsletter"],
    examples: ["", ""],
  },
  {
    key: "note",
    label: "Note",
    kind: "text",
    description: "Added as a customer note (not added twice when the same note exists).",
    synonyms: ["notes", "comment", "comments", "remarks"],
    examples: ["Prefers delivery after 5 pm", ""],
  },
  {
    key: "account",
    label: "Account",
    kind: "account",
    description:
      "Registered or Guest: which of the customers sharing this email the row is (empty: the registered account first, then the guest). New customers are created as guests.",
    synonyms: ["account kind", "customer account"],
    examples: ["", "Guest"],
  },
  // The trade account (src/modules/trade-accounts): written on every customer,
  // empty for a customer without one (Retail); an empty cell leaves it as it is.
  ...TRADE_COLUMNS,
  // Written by exports, ignored by imports.
  { key: "status", label: "Status", kind: "text", exportOnly: true, description: "Derived status.", synonyms: [], examples: ["", ""] },
  { key: "email_invalid_at", label: "Invalid Date", kind: "text", exportOnly: true, description: "When the email bounced.", synonyms: ["invalid date"], examples: ["", ""] },
  { key: "created_at", label: "Created", kind: "text", exportOnly: true, description: "Date created.", synonyms: ["created at", "date created"], examples: ["", ""] },
  { key: "first_purchase", label: "First Purchase", kind: "text", exportOnly: true, description: "Date of the first order.", synonyms: ["first purchase date", "first order"], examples: ["", ""] },
  { key: "last_purchase", label: "Last Purchase", kind: "text", exportOnly: true, description: "Date of the last order.", synonyms: ["last purchase date", "last order"], examples: ["", ""] },
  { key: "order_count", label: "Orders", kind: "text", exportOnly: true, description: "Number of orders.", synonyms: ["order count", "total orders", "number of orders"], examples: ["", ""] },
  { key: "loyalty_points", label: "Loyalty Points", kind: "text", exportOnly: true, notImported: "Loyalty points change through the points ledger (add or remove them on the customer page), not through an import", description: "Points balance (empty: no loyalty account).", synonyms: ["points", "points balance", "loyalty balance"], examples: ["", ""] },
  { key: "staff_notes", label: "Staff Notes", kind: "text", exportOnly: true, optional: "notes", notImported: "Staff Notes lists the customer's notes for reading; a Note column adds a note", description: "Every note on the customer, pinned first then newest first, each as \"YYYY-MM-DD: text\", separated by a blank line (only when the export includes notes).", synonyms: ["customer notes", "all notes"], examples: ["", ""] },
]

/**
 * Headers of a Shopify customer export that have no place in a Medusa
 * customer record: recognised (so the mapping screen can say why) and
 * ignored.
 */
export const IGNORED_SHOPIFY_HEADERS: Record<string, string> = {
  "customer id": "Shopify's own ID: Medusa gives each customer its own",
  "accepts sms marketing":
    "The consent history records email marketing only: SMS consent has no place in Medusa yet (keep the file if you need it)",
  "total spent": "Order history is not imported: totals are computed from Medusa orders",
  "total orders": "Order history is not imported: the count is computed from Medusa orders",
  "tax exempt": "Medusa customers have no tax-exempt flag",
  "default address first name": "Same as the customer's name",
  "default address last name": "Same as the customer's name",
  "default address province": "The province code is used",
  "default address country": "The country code is used",
}

/** Columns an import can write. */
export const IMPORT_COLUMNS = CUSTOMER_COLUMNS.filter((c) => !c.exportOnly)

/** Columns written by an export, in order (one header per key). */
export type ExportColumnOptions = { notes?: boolean }

/** The columns of an export; optional ones (the notes) only when asked for. */
export function exportColumns(opts: ExportColumnOptions = {}): CustomerColumn[] {
  return CUSTOMER_COLUMNS.filter(
    (c) =>
      c.key !== "accepts_email_marketing" &&
      c.key !== "note" &&
      (!c.optional || (c.optional === "notes" && !!opts.notes))
  )
}

/** The columns every export writes (and the import's backups and failed-rows files). */
export const EXPORT_COLUMNS = exportColumns()

/** "Default Address Zip" → "default address zip": lower case, punctuation and spacing folded. */
export function normalizeHeader(header: string): string {
  return header
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
}

const compact = (h: string) => normalizeHeader(h).replace(/ /g, "")

const HEADER_INDEX: Map<string, string> = (() => {
  const index = new Map<string, string>()
  for (const column of IMPORT_COLUMNS) {
    for (const name of [column.key, column.label, ...column.synonyms]) {
      const k = compact(name)
      if (!index.has(k)) index.set(k, column.key)
    }
  }
  return index
})()

const IGNORED_INDEX = new Map(
  Object.entries(IGNORED_SHOPIFY_HEADERS).map(([h, why]) => [compact(h), why])
)
const EXPORT_ONLY_INDEX = new Map(
  CUSTOMER_COLUMNS.filter((c) => c.exportOnly).flatMap((c) =>
    [c.label, c.key, ...c.synonyms].map((n) => [compact(n), c.notImported ?? `${c.label} is computed, not imported`] as const)
  )
)

export type HeaderMatch =
  | { header: string; column: string }
  | { header: string; column: null; reason: string }

/**
 * Matches file headers to columns. Each column is taken by the first header
 * that names it; later headers naming the same column are left unmapped.
 */
export function matchHeaders(headers: string[]): HeaderMatch[] {
  const taken = new Set<string>()
  return headers.map((header) => {
    const k = compact(header)
    const column = HEADER_INDEX.get(k)
    if (column && !taken.has(column)) {
      taken.add(column)
      return { header, column }
    }
    if (column) return { header, column: null, reason: `Another column is already mapped to ${column}` }
    const ignored = IGNORED_INDEX.get(k)
    if (ignored) return { header, column: null, reason: ignored }
    const exportOnly = EXPORT_ONLY_INDEX.get(k)
    if (exportOnly) return { header, column: null, reason: exportOnly }
    if (!k) return { header, column: null, reason: "The column has no header" }
    return { header, column: null, reason: "No matching field" }
  })
}

/**
 * Undoes the formula neutralisation of our own exports (`'=…`, `'+…` → `=…`,
 * `+…`) so an exported file re-imports unchanged.
 */
export function unneutralizeCell(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value
}

/** yes/no cells: true, false, or undefined when the text is not a boolean. */
export function parseBooleanCell(value: string): boolean | null | undefined {
  const v = value.trim().toLowerCase()
  if (v === "") return null
  if (["yes", "y", "true", "1", "x", "oui", "ja", "si", "sí"].includes(v)) return true
  if (["no", "n", "false", "0", "non", "nein"].includes(v)) return false
  return undefined
}

/** "VIP; Wholesale, Trade" → ["VIP", "Wholesale", "Trade"] (trimmed, no blanks, no repeats). */
export function splitListCell(value: string): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  for (const part of value.split(/[;,]/)) {
    const name = part.trim()
    if (name && !seen.has(name.toLowerCase())) {
      seen.add(name.toLowerCase())
      out.push(name)
    }
  }
  return out
}
