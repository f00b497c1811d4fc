/**
 * Row validation of the CSV import: the same rules as the admin (email,
 * E.164 phones in the default country, calendar dates, country codes) plus
 * the import's own lookups (categories, stores and "How did you find us?" by
 * name). Pure functions over a context loaded once per run.
 */
import type { Knex } from "knex"
import {
  IMPORT_COLUMNS,
  parseBooleanCell,
  splitListCell,
  unneutralizeCell,
  type CustomerColumn,
} from "../customer-io/columns"
import { emailKey, validateEmail } from "../validation/email"
import { validatePhone } from "../validation/phone"
import { pastDate } from "../validation/profile"
import { PROFILE_FIELDS, type ProfileFieldKey } from "../profile-fields/fields"
import { parseCountry } from "./countries"
import { textProblem } from "../validation/input"
import { UNREADABLE_MESSAGE } from "./unreadable"
import { isTradeKey, priceListIndex, tradeCellUnchanged, validateTradeCell, type PriceListIndex, type TradeImport } from "./trade"
import type { ImportMapping } from "../../types/customer-import"

import type { PhoneCountries } from "../validation/phone"

export { parseCountry }

export type ImportContext = {
  /** The phone country or countries (plugin option, else the store's default region). */
  defaultCountry: PhoneCountries
  emailRequired: boolean
  /** lower-cased name → id */
  groups: Map<string, string>
  channels: Map<string, string>
  referralSources: Map<string, string>
  /** The store's price lists (the trade account's Price List column). */
  priceLists?: PriceListIndex
  /** all live sales channel ids (new customers without a store get all) */
  allChannelIds: string[]
  /**
   * The review: categories and "How did you find us?" choices the store does
   * not have yet are not errors — the row carries their names and confirming
   * the import creates them. Off at commit (they exist by then).
   */
  allowNew?: boolean
  /** The merchant's choices for new values: lower-cased file value → the name it lands in. */
  categoryMap?: Map<string, string>
  referralSourceMap?: Map<string, string>
}

/** The run's choices for new categories / choices (import_run.labels.map). */
export type LabelMap = { categories?: Record<string, string>; referral_sources?: Record<string, string> }

export type { ImportMapping }

const COLUMN_BY_KEY = new Map(IMPORT_COLUMNS.map((c) => [c.key, c]))

/** Loads what validation needs from the database (a handful of queries). */
export async function loadImportContext(
  knex: Knex,
  opts: { defaultCountry?: PhoneCountries; emailRequired?: boolean; allowNew?: boolean; labelMap?: LabelMap | null } = {}
): Promise<ImportContext> {
  const [groups, channels, sources, priceLists] = await Promise.all([
    knex("customer_group").whereNull("deleted_at").select("id", "name"),
    knex("sales_channel").whereNull("deleted_at").select("id", "name"),
    knex("referral_source").whereNull("deleted_at").select("id", "name"),
    knex("price_list").whereNull("deleted_at").select("id", "title"),
  ])
  const byName = (rows: { id: string; name: string }[]) =>
    new Map(rows.map((r) => [r.name.trim().toLowerCase(), r.id]))
  return {
    defaultCountry: opts.defaultCountry ?? "US",
    emailRequired: opts.emailRequired ?? true,
    groups: byName(groups),
    channels: byName(channels),
    referralSources: byName(sources),
    priceLists: priceListIndex(priceLists),
    allChannelIds: channels.map((c: { id: string }) => c.id).sort(),
    allowNew: opts.allowNew ?? false,
    categoryMap: lowerKeys(opts.labelMap?.categories),
    referralSourceMap: lowerKeys(opts.labelMap?.referral_sources),
  }
}

function lowerKeys(map?: Record<string, string>) {
  return new Map(Object.entries(map ?? {}).map(([k, v]) => [k.trim().toLowerCase(), v.trim()]))
}

/** The name a file value lands in: the merchant's choice for it, else the value itself. */
export function labelTarget(map: Map<string, string> | undefined, value: string): string {
  return map?.get(value.trim().toLowerCase()) || value.trim()
}

const TEXT_LIMITS: Record<string, number> = {
  first_name: 100,
  last_name: 100,
  company_name: 200,
  ...Object.fromEntries(PROFILE_FIELDS.filter((f) => f.max).map((f) => [f.key, f.max!])),
  address_company: 200,
  address_1: 200,
  address_2: 200,
  city: 100,
  province: 100,
  postal_code: 20,
  note: 10_000,
}

const dateSchemas = new Map<string, ReturnType<typeof pastDate>>()
function dateSchema(label: string) {
  let s = dateSchemas.get(label)
  if (!s) {
    s = pastDate(label)
    dateSchemas.set(label, s)
  }
  return s
}

export type AccountKind = "registered" | "guest"

const ACCOUNT_ALIASES: Record<string, AccountKind> = {
  registered: "registered",
  "registered account": "registered",
  guest: "guest",
}

/**
 * The key rows are grouped by for duplicates: the email and the kind of
 * customer the row writes — the matched customer's kind, or "guest" for a
 * new customer (new customers are created as guests). Two rows with one key
 * would write the same customer; rows of a registered account and of a guest
 * sharing an email do not.
 */
export function duplicateKey(emailKey: string, account: AccountKind): string {
  return `${emailKey} (${account})`
}

/**
 * A validated row. `file` holds each mapped, non-empty value in file format
 * (what an export of the customer would show: E.164, YYYY-MM-DD, country
 * codes, yes/no, names), used to compare with the customer's current values;
 * `data` holds what the commit writes.
 */
export type NormalizedRow = {
  email: string | null
  /** The email in lower case: what rows are matched by. */
  email_key: string | null
  /** The Account cell: only that kind of customer is matched. */
  account?: AccountKind
  file: Record<string, string>
  data: { [K in ProfileFieldKey]?: string } & {
    email?: string
    first_name?: string
    last_name?: string
    company_name?: string
    phone?: string
    phone_original?: string
    alt_phone?: string
    alt_phone_original?: string
    referral_source_id?: string
    address_company?: string
    address_1?: string
    address_2?: string
    city?: string
    province?: string
    postal_code?: string
    country_code?: string
    address_phone?: string
    group_ids?: string[]
    /** Categories the store does not have yet (created when the import is confirmed). */
    new_categories?: string[]
    /** A "How did you find us?" choice the store does not have yet. */
    new_referral_source?: string
    channel_ids?: string[]
    marketing_opt_out?: boolean
    note?: string
    /** The trade account's cells (src/lib/customer-import/trade.ts). */
    trade?: TradeImport
  }
}

/** Cells of a record → values by column key (formula neutralisation of our exports undone). */
export function mapCells(cells: string[], mapping: ImportMapping): Record<string, string> {
  const values: Record<string, string> = {}
  mapping.forEach((m, i) => {
    if (!m.column) return
    values[m.column] = unneutralizeCell(cells[i] ?? "")
  })
  return values
}

/**
 * PostgreSQL stores no NUL character: a cell or header holding one is kept
 * with U+FFFD in its place, which `cellTextProblem` refuses, so the row shows
 * an error on that cell (also after a new mapping) until it is edited.
 */
export function storableCell(cell: string): string {
  return cell.includes("\u0000") ? cell.replace(/\u0000/g, "\uFFFD") : cell
}

/** The input rules of every other field (src/lib/validation/input.ts); only a note may have several lines. */
export function cellTextProblem(key: string, value: string): string | null {
  if (value.includes("\uFFFD")) {
    return UNREADABLE_MESSAGE
  }
  const problem = textProblem(value, { multiLine: key === "note" })
  return problem ? problem.charAt(0).toUpperCase() + problem.slice(1) : null
}

/** Validates one row's values; never throws. */
export function validateValues(
  values: Record<string, string>,
  ctx: ImportContext
): { errors: Record<string, string>; row: NormalizedRow } {
  const errors: Record<string, string> = {}
  const row: NormalizedRow = { email: null, email_key: null, file: {}, data: {} }
  const d = row.data as Record<string, unknown>

  for (const [key, rawValue] of Object.entries(values)) {
    const column = COLUMN_BY_KEY.get(key)
    if (!column) continue
    const value = (rawValue ?? "").trim()
    if (value === "") continue
    const error = cellTextProblem(key, value) ?? validateCell(column, value, ctx, row, d)
    if (error) errors[key] = error
  }
  if (!row.email && ctx.emailRequired && !errors.email) {
    errors.email = "Email is required"
  }
  return { errors, row }
}

function validateCell(
  column: CustomerColumn,
  value: string,
  ctx: ImportContext,
  row: NormalizedRow,
  d: Record<string, unknown>
): string | null {
  const key = column.key
  const limit = TEXT_LIMITS[key]
  if (limit && value.length > limit) return `At most ${limit} characters`
  switch (column.kind) {
    case "email": {
      const r = validateEmail(value, { required: false })
      if (!r.ok) return r.message
      row.email = r.value
      row.email_key = r.value ? emailKey(r.value) : null
      d.email = r.value ?? undefined
      row.file.email = r.value ?? ""
      return null
    }
    case "phone": {
      const r = validatePhone(value, ctx.defaultCountry)
      if (!r.ok) return r.message
      row.file[key] = r.value ?? ""
      if (key === "phone") {
        d.phone = r.value
        d.phone_original = r.original
      } else if (key === "alt_phone") {
        d.alt_phone = r.value
        d.alt_phone_original = r.original
      } else {
        d[key] = r.value
      }
      return null
    }
    case "date": {
      const label = column.field?.label ?? column.label
      const r = dateSchema(label).safeParse(value)
      if (!r.success) return r.error.issues[0]?.message ?? `${label} must be a date (YYYY-MM-DD)`
      const iso = (r.data as Date).toISOString().slice(0, 10)
      d[key] = iso
      row.file[key] = iso
      return null
    }
    case "country": {
      const code = parseCountry(value)
      if (!code) return `"${value}" is not a country (use a code such as US, GB, FR or an English name)`
      d[key] = code
      row.file[key] = code
      return null
    }
    case "choice": {
      const options = column.field?.options ?? []
      const v = value.toLowerCase()
      const choice = column.field?.aliases?.[v] ?? v
      if (!options.includes(choice)) {
        return `"${value}" is not a ${column.field?.label.toLowerCase() ?? key} (${options.join(", ").replace(/, ([^,]*)$/, " or $1")})`
      }
      d[key] = choice
      row.file[key] = choice
      return null
    }
    case "boolean": {
      const b = parseBooleanCell(value)
      if (b === undefined || b === null) return `"${value}" is not yes or no`
      const optOut = column.inverted ? !b : b
      if (d.marketing_opt_out !== undefined && d.marketing_opt_out !== optOut) {
        return "Contradicts the other marketing column"
      }
      d.marketing_opt_out = optOut
      row.file.marketing_opt_out = optOut ? "yes" : "no"
      return null
    }
    case "trade": {
      if (!isTradeKey(key)) return null
      row.data.trade ??= {}
      return validateTradeCell(key, value, ctx.priceLists, row.data.trade, row.file)
    }
    case "account": {
      const kind = ACCOUNT_ALIASES[value.toLowerCase()]
      if (!kind) return `"${value}" is not Registered or Guest`
      row.account = kind
      return null
    }
    case "list": {
      const names = splitListCell(value)
      if (key === "categories") {
        // a file value lands in the category the merchant chose for it, else its own name
        const targets = [...new Map(names.map((n) => labelTarget(ctx.categoryMap, n)).map((t) => [t.toLowerCase(), t])).values()]
        const unknown = targets.filter((n) => !ctx.groups.has(n.toLowerCase()))
        if (unknown.length && !ctx.allowNew) {
          return `Unknown categor${unknown.length > 1 ? "ies" : "y"}: ${unknown.join(", ")}`
        }
        d.group_ids = [...new Set(targets.filter((n) => ctx.groups.has(n.toLowerCase())).map((n) => ctx.groups.get(n.toLowerCase())!))]
        if (unknown.length) d.new_categories = unknown
        row.file[key] = targets.map((n) => n.toLowerCase()).sort().join("; ")
        return null
      }
      // stores are structure, not labels: an unknown store stays an error
      const unknown = names.filter((n) => !ctx.channels.has(n.toLowerCase()))
      if (unknown.length) {
        return `Unknown store${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}`
      }
      d.channel_ids = [...new Set(names.map((n) => ctx.channels.get(n.toLowerCase())!))]
      row.file[key] = names.map((n) => n.toLowerCase()).sort().join("; ")
      return null
    }
    default: {
      if (key === "referral_source") {
        const target = labelTarget(ctx.referralSourceMap, value)
        const id = ctx.referralSources.get(target.toLowerCase())
        if (id) d.referral_source_id = id
        else if (ctx.allowNew) d.new_referral_source = target
        else return `Unknown "How did you find us?" choice: ${target}`
        row.file.referral_source = target.toLowerCase()
        return null
      }
      d[key] = value
      row.file[key] = value
      return null
    }
  }
}

/**
 * True when every value of the row equals the customer's current value
 * (`current` in file format, from loadCustomerFileRows). Categories and
 * stores are added, never removed, so they are unchanged when the customer
 * already has all of them. A note is unchanged when the same note exists.
 */
export function rowIsUnchanged(
  row: NormalizedRow,
  current: Record<string, string> | undefined,
  hasSameNote: boolean
): boolean {
  if (!current) return false
  for (const [key, value] of Object.entries(row.file)) {
    if (key === "email") continue
    if (key === "note") {
      if (!hasSameNote) return false
      continue
    }
    const cur = (current[key] ?? "").trim()
    if (key === "categories" || key === "stores") {
      const have = new Set(splitListCell(cur).map((n) => n.toLowerCase()))
      if (!value.split("; ").every((n) => have.has(n))) return false
      continue
    }
    if (key === "referral_source" || COLUMN_BY_KEY.get(key)?.kind === "choice") {
      if (cur.toLowerCase() !== value) return false
      continue
    }
    const column = COLUMN_BY_KEY.get(key)
    if (isTradeKey(key)) {
      if (!tradeCellUnchanged(key, value, current)) return false
      continue
    }
    if (column?.kind === "country") {
      if (cur.toUpperCase() !== value) return false
      continue
    }
    if (column?.kind === "boolean") {
      const b = parseBooleanCell(cur)
      if ((b ? "yes" : "no") !== value) return false
      continue
    }
    if (cur !== value) return false
  }
  if (row.data.note !== undefined && !hasSameNote) return false
  return true
}
