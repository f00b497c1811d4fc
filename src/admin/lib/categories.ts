import { apiDelete, apiGet, apiPost, sdk } from "./sdk"

export type CustomerCategory = {
  id: string
  name: string
  description: string | null
  customer_count: number
  /** "trade_terms": kept in step by trade accounts — shown, never edited here. */
  managed_by?: "trade_terms" | null
  created_at: string
  updated_at: string
}

export type CategoryOrder =
  | "name"
  | "-name"
  | "customer_count"
  | "-customer_count"
  | "created_at"
  | "-created_at"

export type ListCategoriesParams = {
  q?: string
  order?: CategoryOrder
  limit?: number
  offset?: number
}

export type CustomerStore = { id: string; name: string; is_disabled: boolean }

export type SalesChannelLite = {
  id: string
  name: string
  description: string | null
  is_disabled: boolean
}

export const categoryQueryKeys = {
  all: ["customer-backoffice", "categories"] as const,
  list: (params: ListCategoriesParams) => [...categoryQueryKeys.all, "list", params] as const,
  ofCustomer: (customerId: string) =>
    [...categoryQueryKeys.all, "customer", customerId] as const,
  storesOfCustomer: (customerId: string) =>
    ["customer-backoffice", "stores", customerId] as const,
  salesChannels: () => ["customer-backoffice", "sales-channels"] as const,
}

export const categoriesApi = {
  list: (params: ListCategoriesParams) =>
    apiGet<{ categories: CustomerCategory[]; count: number; limit: number; offset: number }>(
      "/admin/backoffice/categories",
      params
    ),
  create: (body: { name: string; description?: string | null }) =>
    apiPost<{ category: CustomerCategory }>("/admin/backoffice/categories", body),
  update: (id: string, body: { name?: string; description?: string | null }) =>
    apiPost<{ category: CustomerCategory }>(`/admin/backoffice/categories/${id}`, body),
  remove: (id: string) =>
    apiDelete<{ id: string; deleted: boolean }>(`/admin/backoffice/categories/${id}`),
  ofCustomer: (customerId: string) =>
    apiGet<{ categories: CustomerCategory[] }>(
      `/admin/backoffice/customers/${customerId}/categories`
    ),
  setOfCustomer: (customerId: string, categoryIds: string[]) =>
    apiPost<{ categories: CustomerCategory[] }>(
      `/admin/backoffice/customers/${customerId}/categories`,
      { category_ids: categoryIds }
    ),
  storesOfCustomer: (customerId: string) =>
    apiGet<{ sales_channel_ids: string[]; stores: CustomerStore[] }>(
      `/admin/backoffice/customers/${customerId}/stores`
    ),
  setStoresOfCustomer: (customerId: string, salesChannelIds: string[]) =>
    apiPost<{ sales_channel_ids: string[]; stores: CustomerStore[] }>(
      `/admin/backoffice/customers/${customerId}/stores`,
      { sales_channel_ids: salesChannelIds }
    ),
  /** Bulk add / remove customers to / from a category. */
  members: (categoryId: string, body: { add?: string[]; remove?: string[] }) =>
    apiPost<{ category: CustomerCategory; added: string[]; removed: string[] }>(
      `/admin/backoffice/categories/${categoryId}/customers`,
      body
    ),
  /** Bulk store assignment: add / remove sales channels for many customers. */
  bulkStores: (customerIds: string[], body: { add?: string[]; remove?: string[] }) =>
    apiPost<{ updated: number }>("/admin/backoffice/customers/stores", {
      customer_ids: customerIds,
      ...body,
    }),
  salesChannels: () =>
    apiGet<{ sales_channels: SalesChannelLite[] }>("/admin/sales-channels", {
      limit: 200,
      fields: "id,name,description,is_disabled",
      order: "name",
    }),
}

/** Downloads the category's members as CSV (the browser saves the file). */
export async function downloadMembersCsv(category: Pick<CustomerCategory, "id" | "name">) {
  const res = (await sdk.client.fetch(
    `/admin/backoffice/categories/${category.id}/members.csv`,
    { method: "GET", headers: { accept: "text/csv" } }
  )) as unknown as Response
  const blob = await res.blob()
  const disposition = res.headers.get("content-disposition") ?? ""
  const fileName =
    /filename="([^"]+)"/.exec(disposition)?.[1] ?? `${category.name}-members.csv`
  const url = URL.createObjectURL(blob)
  const a = document.createElement("a")
  a.href = url
  a.download = fileName
  document.body.appendChild(a)
  a.click()
  a.remove()
  window.setTimeout(() => URL.revokeObjectURL(url), 1000)
}

/** Field errors of a 400 answer (`errors: [{ field, message }]`), by field. */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  const out: Record<string, string> = {}
  const message = (error as { message?: string } | null)?.message ?? ""
  // The JS SDK keeps only the message: "field: message; field: message".
  for (const part of message.split("; ")) {
    const m = /^([a-z_.()]+): (.+)$/.exec(part)
    if (m) out[m[1]] = m[2]
  }
  return out
}
