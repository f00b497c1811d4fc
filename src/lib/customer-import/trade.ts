/**
 * The trade account's columns in a customer import: each cell checked with
 * the Account card's rules (account type, account code, company, company
 * number, VAT number with jsvat, free delivery, discount 0–100 with two
 * decimals, price list by title or id, Active), and compared with the
 * customer's current account for "unchanged" rows. The database checks
 * (account codes of other customers, pending applicants) are in
 * ./trade-sql.ts. Pure functions.
 */
import { parseBooleanCell } from "../customer-io/columns"
import { checkVatNumber } from "../validation/vat"
import { ACCOUNT_CODE_MESSAGE, ACCOUNT_CODE_RE } from "../validation/trade"

/** What a row writes to the customer's trade account (only the cells it fills). */
export type TradeImport = Partial<{
  account_type: "retail" | "trade"
  account_code: string
  company_name: string
  company_number: string
  vat_number: string
  free_delivery: boolean
  discount_bp: number
  price_list_id: string
  active: boolean
}>

/** The file columns of the trade account, by key. */
export const TRADE_KEYS = [
  "account_type",
  "account_code",
  "trade_company_name",
  "company_number",
  "vat_number",
  "free_delivery",
  "discount_percent",
  "price_list",
  "active",
] as const
export type TradeKey = (typeof TRADE_KEYS)[number]
const TRADE_KEY_SET = new Set<string>(TRADE_KEYS)
export const isTradeKey = (key: string): key is TradeKey => TRADE_KEY_SET.has(key)

/** The store's price lists: by lower-cased title (titles may repeat) and by id. */
export type PriceListIndex = {
  byTitle: Map<string, { id: string; title: string }[]>
  byId: Map<string, string>
}

export function priceListIndex(rows: { id: string; title: string | null }[]): PriceListIndex {
  const byTitle = new Map<string, { id: string; title: string }[]>()
  const byId = new Map<string, string>()
  for (const r of rows) {
    const title = (r.title ?? r.id).trim()
    byId.set(r.id, title)
    const key = title.toLowerCase()
    byTitle.set(key, [...(byTitle.get(key) ?? []), { id: r.id, title }])
  }
  return { byTitle, byId }
}

const TEXT_LIMITS: Partial<Record<TradeKey, number>> = {
  trade_company_name: 200,
  company_number: 40,
  vat_number: 40,
}

/** "12.5", "12,50", "12.50 %" → 1250; null when not a number with at most two decimals. */
export function parseDiscount(value: string): number | "decimals" | null {
  const m = /^(\d{1,3})(?:[.,](\d+))?\s*%?$/.exec(value.trim())
  if (!m) return null
  if (m[2] && m[2].length > 2) return "decimals"
  return Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"))
}

/**
 * Checks one trade cell; on success records what the commit writes
 * (`trade`) and the value in file format (`file`). Returns the error.
 */
export function validateTradeCell(
  key: TradeKey,
  value: string,
  priceLists: PriceListIndex | undefined,
  trade: TradeImport,
  file: Record<string, string>
): string | null {
  const limit = TEXT_LIMITS[key]
  if (limit && value.length > limit) return `At most ${limit} characters`
  switch (key) {
    case "account_type": {
      const v = value.toLowerCase()
      if (v !== "retail" && v !== "trade") return `"${value}" is not an account type (retail or trade)`
      trade.account_type = v
      file[key] = v
      return null
    }
    case "account_code": {
      const code = value.toUpperCase()
      if (!ACCOUNT_CODE_RE.test(code)) return `"${value}" is not an account code: ${ACCOUNT_CODE_MESSAGE}`
      trade.account_code = code
      file[key] = code
      return null
    }
    case "trade_company_name":
    case "company_number": {
      trade[key === "trade_company_name" ? "company_name" : "company_number"] = value
      file[key] = value
      return null
    }
    case "vat_number": {
      const r = checkVatNumber(value)
      if (!r.ok) return r.message
      trade.vat_number = r.value
      file[key] = r.value
      return null
    }
    case "free_delivery":
    case "active": {
      const b = parseBooleanCell(value)
      if (b === undefined || b === null) return `"${value}" is not yes or no`
      trade[key] = b
      file[key] = b ? "yes" : "no"
      return null
    }
    case "discount_percent": {
      const bp = parseDiscount(value)
      if (bp === "decimals") return `"${value}": the discount has at most two decimals (e.g. 12.50)`
      if (bp === null || bp > 10_000) return `"${value}" is not a discount between 0 and 100 (e.g. 12.50)`
      trade.discount_bp = bp
      file[key] = (bp / 100).toFixed(2)
      return null
    }
    case "price_list": {
      const byId = priceLists?.byId.get(value)
      if (byId !== undefined) {
        trade.price_list_id = value
        file[key] = byId
        return null
      }
      const lists = priceLists?.byTitle.get(value.toLowerCase()) ?? []
      if (!lists.length) return `Unknown price list: ${value} (use the title of one of the store's price lists, or its id)`
      if (lists.length > 1) {
        return `Several price lists are titled "${value}": write the id of the one you mean (${lists.map((l) => l.id).join(", ")})`
      }
      trade.price_list_id = lists[0].id
      file[key] = lists[0].title
      return null
    }
  }
}

/**
 * A trade cell equals the customer's current value. A customer without a
 * trade account is Retail, without free delivery or discount, and active
 * (the Account card's defaults), so writing those changes nothing.
 */
export function tradeCellUnchanged(key: TradeKey, value: string, current: Record<string, string>): boolean {
  const hasAccount = (current.account_type ?? "").trim() !== ""
  const defaults: Partial<Record<TradeKey, string>> = {
    account_type: "retail",
    free_delivery: "no",
    discount_percent: "0.00",
    active: "yes",
  }
  const cur = ((hasAccount ? current[key] : defaults[key]) ?? "").trim()
  if (key === "price_list" || key === "account_type") return cur.toLowerCase() === value.toLowerCase()
  if (key === "free_delivery" || key === "active") return (parseBooleanCell(cur) ? "yes" : "no") === value
  return cur === value
}
