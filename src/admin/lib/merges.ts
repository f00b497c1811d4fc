import { apiGet, apiPost } from "./sdk"
import type { MergeFieldChoices, MergePreview, MergeRecord } from "../../types/customer-merge"

export type { MergeFieldChoices, MergePreview, MergeRecord }

export type UndoResult = {
  merge: MergeRecord
  changed_since: { table: string; label: string; rows: number; ids: string[] }[]
  left_as_is: { table: string; ids: string[] }[]
  points_shortfall: number
}

export const mergesApi = {
  preview: (primaryId: string, secondary_ids: string[]) =>
    apiPost<{ preview: MergePreview }>(`/admin/backoffice/customers/${primaryId}/merge/preview`, { secondary_ids }),
  merge: (primaryId: string, secondary_ids: string[], fields: MergeFieldChoices) =>
    apiPost<{ merge: MergeRecord }>(`/admin/backoffice/customers/${primaryId}/merge`, { secondary_ids, fields }),
  list: (customer_id: string) =>
    apiGet<{ merges: MergeRecord[]; count: number }>("/admin/backoffice/merges", { customer_id, limit: 10, offset: 0 }),
  undo: (id: string) => apiPost<UndoResult>(`/admin/backoffice/merges/${id}/undo`, {}),
}

export const mergeKeys = {
  all: ["cbo", "merges"] as const,
  list: (customerId: string) => [...mergeKeys.all, "list", customerId] as const,
  preview: (primaryId: string, ids: string[]) => [...mergeKeys.all, "preview", primaryId, ids] as const,
}

export const FIELD_LABELS: Record<string, string> = {
  first_name: "First name",
  last_name: "Last name",
  phone: "Phone",
  company_name: "Company",
  title: "Title",
  gender: "Gender",
  date_of_birth: "Date of birth",
  anniversary: "Anniversary",
  nationality: "Nationality",
  gate_code: "Gate code",
  phone_original: "Phone (as typed)",
  alt_phone: "Other phone",
  alt_phone_original: "Other phone (as typed)",
  referral_source_id: "Referral source",
  photo_file_id: "Photo",
  photo_url: "Photo",
  account_type: "Account type and terms",
}
