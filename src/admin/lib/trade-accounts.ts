import { apiGet, apiPost } from "./sdk"

export type ApplicationStatus = "pending" | "approved" | "rejected"

export const APPLICATION_STATUS_META: Record<ApplicationStatus, { label: string; color: "orange" | "green" | "red" }> = {
  pending: { label: "Pending Approval", color: "orange" },
  approved: { label: "Approved", color: "green" },
  rejected: { label: "Rejected", color: "red" },
}

export type TradeApplication = {
  id: string
  customer_id: string
  status: ApplicationStatus
  source: string
  email: string
  company_name: string
  company_number: string | null
  vat_number: string | null
  phone: string | null
  address: Record<string, string | null> | null
  note: string | null
  decided_at: string | null
  decided_by: string | null
  decided_by_name: string | null
  rejection_reason: string | null
  terms: Record<string, unknown> | null
  created_at: string
  age_days: number
  applicant: { id: string; email: string; name: string | null } | null
  duplicates: { customer_id: string; email: string | null; company_name: string | null; match: "email" | "company" }[]
}

export type TradeAccount = {
  customer_id: string
  account_type: "retail" | "trade"
  account_code: string | null
  company_name: string | null
  company_number: string | null
  vat_number: string | null
  free_delivery: boolean
  discount_percent: number
  price_list_id: string | null
  price_list: { id: string; title: string } | null
  active: boolean
  pending_application_id: string | null
}

export type ApproveBody = {
  price_list_id?: string | null
  discount_percent?: number
  free_delivery?: boolean
  account_code?: string | null
}

/** Staff register a customer (existing: customer_id; new: email + names) as trade; approve: at once with terms. */
export type RegisterBody = {
  customer_id?: string
  email?: string
  first_name?: string | null
  last_name?: string | null
  company_name: string
  company_number?: string | null
  vat_number?: string | null
  phone?: string | null
  note?: string | null
  approve?: boolean
} & ApproveBody

export type AccountBody = Partial<Omit<TradeAccount, "customer_id" | "price_list" | "pending_application_id">>

export const tradeKeys = {
  all: ["cbo", "trade"] as const,
  applications: (params: object) => ["cbo", "trade", "applications", params] as const,
  account: (customerId: string) => ["cbo", "trade", "account", customerId] as const,
  priceLists: ["cbo", "trade", "price-lists"] as const,
}

export const tradeApi = {
  list: (params: { status?: ApplicationStatus; limit: number; offset: number }) =>
    apiGet<{ applications: TradeApplication[]; count: number; pending_count: number }>(
      "/admin/backoffice/trade-applications",
      params
    ),
  register: (body: RegisterBody) =>
    apiPost<{ application: TradeApplication }>("/admin/backoffice/trade-applications", body),
  approve: (id: string, body: ApproveBody) =>
    apiPost<{ application: TradeApplication }>(`/admin/backoffice/trade-applications/${id}/approve`, body),
  reject: (id: string, reason: string) =>
    apiPost<{ application: TradeApplication }>(`/admin/backoffice/trade-applications/${id}/reject`, { reason }),
  account: (customerId: string) =>
    apiGet<{ account: TradeAccount }>(`/admin/backoffice/customers/${customerId}/account`),
  updateAccount: (customerId: string, body: AccountBody) =>
    apiPost<{ account: TradeAccount }>(`/admin/backoffice/customers/${customerId}/account`, body),
  /** Medusa's own price lists, for the price-list picker. */
  priceLists: () =>
    apiGet<{ price_lists: { id: string; title: string; status: string }[] }>("/admin/price-lists", {
      limit: 200,
      fields: "id,title,status",
    }),
}
