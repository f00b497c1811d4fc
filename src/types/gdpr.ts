/** GDPR forget and subject-access export: shared by the API, the jobs and the admin. */

export const FORGET_JOB = "gdpr.forget"
export const DATA_EXPORT_JOB = "gdpr.data_export"
export const FORGOTTEN_EVENT = "customer_backoffice.customer.forgotten"

/** What the erasure did in one table (counts only, never values). */
export type ErasurePlace = {
  table: string
  rule: "anonymise" | "delete" | "keep-record"
  rows: number
  /** the personal columns cleared on rows that stay */
  columns: string[]
}

/** Account holders deleted through the payment module (the provider deleted its copy of the customer). */
export type ProviderDeletion = { provider_id: string; account_holders: number }

/** Where a former value was still found after erasure. */
export type ErasureHit = { place: string; rows: number; ids?: string[] }

/**
 * The erasure certificate: proof that the customer's former values are
 * nowhere in the database, Redis or the customer files. It holds no personal
 * data (counts, table and column names, row ids).
 */
export type ErasureCertificate = {
  customer_id: string
  job_id: string
  /** ISO time the erasure finished */
  forgotten_at: string
  forgotten_by: { id: string | null; name: string | null }
  places: ErasurePlace[]
  files_removed: string[]
  /** account holders deleted at their payment provider before the erasure (absent on older certificates) */
  provider_deletions?: ProviderDeletion[]
  groups_left: number
  scan: {
    tables: number
    columns: number
    rows: number
    redis_keys: number
    redis_capped: boolean
    files: number
    /** former values searched (held in memory during the job only) */
    values_searched: number
    /** values shorter than 4 characters: too common to search */
    values_too_short: number
    /** values another customer also holds (a shared surname or street): not searched */
    values_shared: number
    duration_ms: number
  }
  hits: ErasureHit[]
  /** "erased": 0 hits; "hits": a former value is still somewhere (the job failed) */
  verdict: "erased" | "hits"
}

export type ForgetStatus = "not_requested" | "queued" | "active" | "retrying" | "completed" | "failed" | "cancelled"

/** Something that must be settled before the customer can be forgotten. */
export type ForgetBlock = {
  kind: "order" | "house_account" | "import"
  id: string
  message: string
  /** admin path to settle it */
  href: string
  [key: string]: unknown
}

export type ForgetStatusResponse = {
  status: ForgetStatus
  /** the customer's data was erased (its email is the placeholder) */
  forgotten: boolean
  /** why a forget would be refused now (empty once forgotten) */
  blocking: ForgetBlock[]
  job: { id: string; status: string; error: string | null; created_at: string; finished_at: string | null } | null
  certificate: ErasureCertificate | null
}

export type DataExportResult = {
  export_id: string
  file_id: string
  file_name: string
  rows: Record<string, number>
}

/** The subject-access export sent to the customer through the Notification module. */
export const DATA_EXPORT_TEMPLATE = "customer-backoffice-data-export"
export const DATA_EXPORT_SENT_TRIGGER = "customer_backoffice.data_export.sent"

/** Template data of the data-export notification; the ZIP is its one attachment. */
export type DataExportTemplateData = {
  customer: { id: string; email: string | null }
  export_id: string
  /** ISO time the export was built */
  created_at: string
  file_name: string
  /** rows per table in the ZIP */
  rows: Record<string, number> | null
  to: string
}
