import { apiGet, apiPost } from "./sdk"
import type { BackofficeJob } from "./jobs"
import type { DuplicateConfidence, DuplicateGroup } from "../../types/duplicates"

export type { DuplicateConfidence, DuplicateGroup }

export type ListDuplicatesParams = {
  confidence?: DuplicateConfidence
  customer_id?: string
  limit: number
  offset: number
}

export const duplicatesApi = {
  list: (p: ListDuplicatesParams) =>
    apiGet<{ groups: DuplicateGroup[]; count: number }>("/admin/backoffice/duplicates", {
      confidence: p.confidence,
      customer_id: p.customer_id,
      limit: p.limit,
      offset: p.offset,
    }),
  scan: (mode?: "full" | "incremental") =>
    apiPost<{ job: BackofficeJob }>("/admin/backoffice/duplicates/scan", mode ? { mode } : {}),
  dismiss: (customer_ids: [string, string]) =>
    apiPost<{ dismissed: true }>("/admin/backoffice/duplicates/dismiss", { customer_ids }),
}

export const duplicateKeys = {
  all: ["cbo", "duplicates"] as const,
  list: (p: ListDuplicatesParams) => [...duplicateKeys.all, "list", p] as const,
}

export const CONFIDENCE_META: Record<DuplicateConfidence, { label: string; color: "red" | "orange" }> = {
  likely: { label: "Likely", color: "red" },
  possible: { label: "Possible", color: "orange" },
}
