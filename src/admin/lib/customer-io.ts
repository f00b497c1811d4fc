import { apiGet, apiPost, sdk } from "./sdk"
import type { JobStatus } from "./jobs"
import type { ListCustomersParams } from "./customers"
import {
  ROW_FILTERS,
  type ImportCounts,
  type ImportMappingEntry,
  type ImportRowAction,
  type ImportRunStatus,
  type RowFilter,
  type UndoSkipped,
} from "../../types/customer-import"
import type { ImportStoreDuplicate } from "../../types/duplicates"

export type { ImportStoreDuplicate }

// ---------------------------------------------------------------- exports

export type ExportFormat = "csv" | "xlsx"

export type CustomerExport = {
  id: string
  format: ExportFormat
  filters: Record<string, unknown>
  status: JobStatus
  progress: number
  processed: number
  total: number | null
  rows: number | null
  file_name: string | null
  download_url: string | null
  /** the retention (exportRetentionDays) deleted the file */
  file_expired_at: string | null
  message: string | null
  error: string | null
  created_by: string | null
  created_at: string
  finished_at: string | null
  job: { id: string; status: JobStatus; progress: number }
}

export type CreateExportBody = Omit<ListCustomersParams, "limit" | "offset"> & {
  format: ExportFormat
  /** Adds a Staff Notes column with every note of each customer. */
  include_notes?: boolean
}

// ---------------------------------------------------------------- imports

export type { ImportCounts, ImportRowAction, ImportRunStatus, RowFilter, UndoSkipped }
export { ROW_FILTERS }
/** One file column and where it goes. */
export type ImportMapping = ImportMappingEntry

export type { ImportWarning } from "../../lib/customer-import/warnings"

export type ImportRun = {
  id: string
  status: ImportRunStatus
  file_name: string
  file_size: number
  created_by: string | null
  /** The admin who uploaded the file, when the server resolves it. */
  created_by_user?: { id: string; email: string; first_name: string | null; last_name: string | null } | null
  created_at: string
  parent_run_id: string | null
  headers: string[] | null
  mapping: ImportMapping[] | null
  /** The encoding the file is read with, what the reader detected, and the merchant's choice (null: detected). */
  encoding: string | null
  delimiter: string | null
  encoding_detected: string | null
  encoding_chosen: string | null
  /** Bytes the encoding could not read (shown as �). */
  invalid_bytes: { count: number; rows: number; first_rows: number[] }
  warnings: import("../../lib/customer-import/warnings").ImportWarning[]
  /** The first rows of the file as read (one import only). */
  preview?: { row_number: number; cells: string[] }[]
  counts: Partial<ImportCounts> | null
  job: { id: string; status: JobStatus; progress: number } | null
  backup_available: boolean
  /** the retention deleted the backup (after the undo window) */
  backup_expired_at: string | null
  committed_at: string | null
  undo_until: string | null
  undone_at: string | null
  error: string | null
  undo_skipped?: UndoSkipped[] | null
  /** Values of the file the store has no category for: confirming the import creates them. */
  new_categories?: NewImportLabel[]
  /** The same for "How did you find us?" choices. */
  new_referral_sources?: NewImportLabel[]
  created_categories?: { id: string; name: string }[]
  created_referral_sources?: { id: string; name: string }[]
}

/** A value of the file that is no existing category (choice); map_to: where the merchant sends it. */
export type NewImportLabel = { name: string; rows: number; map_to?: string; creates: boolean }

export type ImportLabelChoice = { name: string; map_to: string | null }

export type ImportRow = {
  id: string
  row_number: number
  values: Record<string, string>
  errors: Record<string, string> | null
  row_error?: string | null
  action: ImportRowAction
  customer_id: string | null
  duplicate_of: number | null
  excluded: boolean
  /** After the commit: created | updated | unchanged | failed */
  result?: string | null
  fail_reason?: string | null
  /** Duplicates tab: the group — the email and the kind of customer the rows write ("ada@example.com (guest)") */
  group?: string
}

const IMPORTS = "/admin/backoffice/customer-imports"
const EXPORTS = "/admin/backoffice/customer-exports"

export const customerIoApi = {
  createExport: (body: CreateExportBody) => apiPost<{ export: CustomerExport }>(EXPORTS, body),
  exportRun: (id: string) => apiGet<{ export: CustomerExport }>(`${EXPORTS}/${encodeURIComponent(id)}`),
  exports: (limit = 5) =>
    apiGet<{ exports: CustomerExport[]; count: number }>(EXPORTS, { limit }),

  importRuns: (params: { limit: number; offset: number }) =>
    apiGet<{ import_runs: ImportRun[]; count: number; limit: number; offset: number; max_file_size?: number }>(
      IMPORTS,
      params
    ),
  importRun: (id: string) => apiGet<{ import_run: ImportRun }>(`${IMPORTS}/${encodeURIComponent(id)}`),
  upload: (file: File, parentRunId?: string) => {
    const form = new FormData()
    form.append("file", file)
    if (parentRunId) form.append("parent_run_id", parentRunId)
    return sdk.client.fetch<{ import_run: ImportRun }>(IMPORTS, {
      method: "POST",
      body: form,
      headers: { "content-type": null } as unknown as Record<string, string>,
    })
  },
  saveMapping: (id: string, mapping: Record<string, string | null>) =>
    apiPost<{ import_run: ImportRun }>(`${IMPORTS}/${encodeURIComponent(id)}/mapping`, { mapping }),
  /** Reads the file again with the chosen encoding (a background job). */
  reparse: (id: string, encoding: string) =>
    apiPost<{ import_run: ImportRun }>(`${IMPORTS}/${encodeURIComponent(id)}/parse`, { encoding }),
  rows: (id: string, params: { filter: RowFilter; limit: number; offset: number }) =>
    // with filter "duplicate", limit/offset/count are in groups (rows_count: the rows of every group)
    apiGet<{ rows: ImportRow[]; count: number; limit: number; offset: number; rows_count?: number }>(
      `${IMPORTS}/${encodeURIComponent(id)}/rows`,
      params
    ),
  /** "Already in the store?": rows to be created that look like a customer the store has. */
  storeDuplicates: (id: string, params: { limit: number; offset: number }) =>
    apiGet<{ rows: ImportStoreDuplicate[]; count: number; limit: number; offset: number }>(
      `${IMPORTS}/${encodeURIComponent(id)}/duplicates`,
      params
    ),
  updateRow: (id: string, rowId: string, body: { values?: Record<string, string>; excluded?: boolean }) =>
    apiPost<{ row: ImportRow; counts: Partial<ImportCounts> }>(
      `${IMPORTS}/${encodeURIComponent(id)}/rows/${encodeURIComponent(rowId)}`,
      body
    ),
  confirm: (id: string, backup: boolean) =>
    apiPost<{ import_run: ImportRun }>(`${IMPORTS}/${encodeURIComponent(id)}/confirm`, { backup }),
  setNewLabels: (
    id: string,
    body: { new_categories?: ImportLabelChoice[]; new_referral_sources?: ImportLabelChoice[] }
  ) => apiPost<{ import_run: ImportRun }>(`${IMPORTS}/${encodeURIComponent(id)}/new-labels`, body),
  undo: (id: string) =>
    apiPost<{ import_run: ImportRun; skipped: UndoSkipped[] }>(`${IMPORTS}/${encodeURIComponent(id)}/undo`),
  samplePath: `${IMPORTS}/sample`,
  backupPath: (id: string) => `${IMPORTS}/${encodeURIComponent(id)}/backup`,
  failedRowsPath: (id: string) => `${IMPORTS}/${encodeURIComponent(id)}/failed-rows`,
}

export const customerIoKeys = {
  all: ["customer-backoffice", "customer-io"] as const,
  exports: () => [...customerIoKeys.all, "exports"] as const,
  exportRun: (id: string) => [...customerIoKeys.all, "export", id] as const,
  importRuns: (params: object) => [...customerIoKeys.all, "imports", params] as const,
  importRun: (id: string) => [...customerIoKeys.all, "import", id] as const,
  rows: (id: string, params: object) => [...customerIoKeys.all, "import", id, "rows", params] as const,
  storeDuplicates: (id: string, params?: object) =>
    [...customerIoKeys.all, "import", id, "in-store", ...(params ? [params] : [])] as const,
}

/** Downloads an admin endpoint's file through the SDK (session or JWT) and lets the browser save it. */
export async function downloadFile(path: string, fallbackName: string) {
  const res = (await sdk.client.fetch(path, {
    method: "GET",
    headers: { accept: "*/*" },
  })) as unknown as Response
  const blob = await res.blob()
  const disposition = res.headers.get("content-disposition") ?? ""
  const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallbackName
  const url = URL.createObjectURL(blob)
  const a = document.createElement("a")
  a.href = url
  a.download = fileName
  document.body.appendChild(a)
  a.click()
  a.remove()
  window.setTimeout(() => URL.revokeObjectURL(url), 1000)
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 * 1024) return `${(bytes / (1024 * 1024 * 1024)).toFixed(1)} GB`
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`
  return `${bytes} bytes`
}

export const IMPORT_STATUS_META: Record<
  ImportRunStatus,
  { label: string; color: "grey" | "blue" | "orange" | "green" | "red" }
> = {
  uploaded: { label: "Uploaded", color: "grey" },
  parsing: { label: "Reading file", color: "blue" },
  review: { label: "In review", color: "orange" },
  committing: { label: "Importing", color: "blue" },
  completed: { label: "Completed", color: "green" },
  failed: { label: "Failed", color: "red" },
  undoing: { label: "Undoing", color: "blue" },
  undone: { label: "Undone", color: "grey" },
  cancelled: { label: "Cancelled", color: "grey" },
}

/** Statuses during which a job works on the run: the screens poll. */
export const IMPORT_BUSY: readonly ImportRunStatus[] = ["uploaded", "parsing", "committing", "undoing"]

export const DEFAULT_IMPORT_MAX_BYTES = 50 * 1024 * 1024
