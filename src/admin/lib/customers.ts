import { apiDelete, apiGet, apiPost } from "./sdk"
import { STATUS_LABELS, type AdminCreateCustomerRequest, type CustomerStatus } from "../../types/customer-records"

export type { CustomerStatus }

/** The statuses in the order the list's filter offers them. */
export const CUSTOMER_STATUSES: readonly CustomerStatus[] = ["registered", "in_store", "guest", "pending_approval"]

const STATUS_COLORS: Record<CustomerStatus, "green" | "blue" | "grey" | "orange"> = {
  registered: "green",
  in_store: "blue",
  guest: "grey",
  pending_approval: "orange",
}

export const CUSTOMER_STATUS_META = Object.fromEntries(
  CUSTOMER_STATUSES.map((s) => [s, { label: STATUS_LABELS[s], color: STATUS_COLORS[s] }])
) as Record<CustomerStatus, { label: string; color: "green" | "blue" | "grey" | "orange" }>
/** The list's account type filter (trade accounts): Pending = application awaiting a decision. */
export const ACCOUNT_TYPE_FILTERS = ["retail", "trade", "pending"] as const
export type AccountTypeFilter = (typeof ACCOUNT_TYPE_FILTERS)[number]
export const ACCOUNT_TYPE_LABELS: Record<AccountTypeFilter, string> = {
  retail: "Retail",
  trade: "Trade",
  pending: "Trade (pending approval)",
}

export type CustomerListItem = {
  id: string
  first_name: string | null
  last_name: string | null
  email: string | null
  phone: string | null
  company_name: string | null
  has_account: boolean
  status: CustomerStatus
  categories: { id: string; name: string }[]
  /** Purchases (canceled and draft orders excluded). */
  order_count: number
  /** Net sales in the store's default currency, integer minor units. */
  total_spent?: number
  total_spent_currency?: string | null
  last_order_at?: string | null
  created_at: string
  deleted_at: string | null
  customer_number: string | null
  photo_url: string | null
  date_of_birth: string | null
  email_invalid_at: string | null
  email_last_attempt_at: string | null
  /** Loyalty points balance; null without a loyalty account. */
  loyalty_points?: number | null
  loyalty_enrolled?: boolean
  account_type?: AccountTypeFilter
  /** Removed customers only. */
  removed_by?: string | null
}

export type CustomerSort =
  | "name"
  | "email"
  | "created_at"
  | "deleted_at"
  | "order_count"
  | "total_spent"
  | "last_order_at"

export type ListCustomersParams = {
  q?: string
  status?: CustomerStatus[]
  category?: string[]
  store?: string[]
  invalid_email?: boolean
  birthday_this_month?: boolean
  /** On a house account that owes money. */
  outstanding_balance?: boolean
  /** On a house account above its credit limit. */
  over_credit_limit?: boolean
  account_type?: AccountTypeFilter[]
  has_duplicates?: boolean
  created_from?: string
  created_to?: string
  /** Total spent above this, integer minor units of the store's default currency. */
  spent_more_than?: number
  /** No order on or after this date (YYYY-MM-DD). */
  no_order_since?: string
  /** "name", "-created_at"… */
  order?: string
  limit: number
  offset: number
}

export type CustomerListResponse = {
  customers: CustomerListItem[]
  count: number
  limit: number
  offset: number
  /** The store's default currency: total_spent and spent_more_than are in it. */
  sales_currency?: string | null
}

export type DeletePreview = { count: number; with_orders: number; not_found: string[] }

export type CustomerGroupLite = { id: string; name: string }

export const customerQueryKeys = {
  all: ["customer-backoffice", "customers"] as const,
  list: (params: ListCustomersParams) => [...customerQueryKeys.all, "list", params] as const,
  removed: (params: ListCustomersParams) => [...customerQueryKeys.all, "removed", params] as const,
  groups: () => [...customerQueryKeys.all, "groups"] as const,
}

export const customersApi = {
  /** "+ New customer": everything in one request (see AdminCreateCustomerRequest). */
  create: (body: AdminCreateCustomerRequest) =>
    apiPost<{ customer: { id: string } }>("/admin/backoffice/customers", body),
  list: (params: ListCustomersParams) =>
    apiGet<CustomerListResponse>("/admin/backoffice/customers", params),
  removed: (params: ListCustomersParams) =>
    apiGet<CustomerListResponse>("/admin/backoffice/customers/removed", params),
  deletePreview: (ids: string[]) =>
    apiPost<DeletePreview>("/admin/backoffice/customers/delete-preview", { ids }),
  remove: (ids: string[]) =>
    apiPost<{ ids: string[]; count: number }>("/admin/backoffice/customers/delete", { ids }),
  removeOne: (id: string) => apiDelete<{ id: string }>(`/admin/backoffice/customers/${id}`),
  restore: (ids: string[]) =>
    apiPost<{ ids: string[]; count: number; categories_restored: number }>(
      "/admin/backoffice/customers/restore",
      { ids }
    ),
  /** Categories are Medusa customer groups. */
  groups: () =>
    apiGet<{ customer_groups: CustomerGroupLite[] }>("/admin/customer-groups", {
      fields: "id,name",
      limit: 500,
      order: "name",
    }),
}

export function customerName(c: Pick<CustomerListItem, "first_name" | "last_name" | "company_name" | "email">) {
  const name = [c.first_name, c.last_name].filter(Boolean).join(" ")
  return name || c.company_name || c.email || "Unnamed customer"
}

export function customerInitials(c: Pick<CustomerListItem, "first_name" | "last_name" | "email">) {
  const a = c.first_name?.trim()?.[0]
  const b = c.last_name?.trim()?.[0]
  const initials = `${a ?? ""}${b ?? ""}` || c.email?.[0] || "?"
  return initials.toUpperCase()
}

/** "Delete N customers? M of them have sales activity; their orders keep them." */
export function deleteConfirmText(preview: DeletePreview) {
  const n = preview.count
  const who = n === 1 ? "this customer" : `${n} customers`
  const activity =
    preview.with_orders === 0
      ? n === 1
        ? "They have no sales activity."
        : "None of them has sales activity."
      : n === 1
        ? "They have sales activity; their orders keep them."
        : `${preview.with_orders} of them ${preview.with_orders === 1 ? "has" : "have"} sales activity; their orders keep them.`
  return {
    title: `Delete ${who}?`,
    description: `${activity} Removed customers can be restored from "Removed customers".`,
  }
}
