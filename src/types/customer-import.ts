/**
 * The CSV import's enums and answers, shared by the server
 * (src/lib/customer-import, src/modules/customer-import) and the admin
 * (src/admin/lib/customer-io.ts).
 */

export const IMPORT_RUN_STATUSES = [
  "uploaded",
  "parsing",
  "review",
  "committing",
  "completed",
  "failed",
  "undoing",
  "undone",
  "cancelled",
] as const
export type ImportRunStatus = (typeof IMPORT_RUN_STATUSES)[number]

/** What a row does when the import is confirmed. */
export const IMPORT_ROW_ACTIONS = ["new", "update", "unchanged", "invalid"] as const
export type ImportRowAction = (typeof IMPORT_ROW_ACTIONS)[number]

/** The review's row filters (GET …/customer-imports/:id/rows?filter=). */
export const ROW_FILTERS = ["all", "invalid", "new", "update", "unchanged", "duplicate", "excluded", "failed"] as const
export type RowFilter = (typeof ROW_FILTERS)[number]

export type ImportCounts = {
  rows: number
  new: number
  update: number
  unchanged: number
  invalid: number
  duplicate: number
  excluded: number
  created: number
  updated: number
  failed: number
}

/** A file header and the column it is read into (null: not imported, with the reason). */
export type ImportMappingEntry = { header: string; column: string | null; reason?: string }
/** A run's mapping: one entry per file column, in file order. */
export type ImportMapping = ImportMappingEntry[]

/** A customer an undo left alone (changed since the import). */
export type UndoSkippedCustomer = { customer_id: string; email: string | null; reason: string }

/** A category or "How did you find us?" choice the import created; `reason` set when the undo kept it. */
export type UndoneLabel = { kind: "category" | "referral_source"; id: string; name: string; reason?: string }

/** An import run's `undo_skipped`: the customers and the labels an undo left in place. */
export type UndoSkipped =
  | (UndoSkippedCustomer & { kind?: undefined; id?: undefined; name?: undefined })
  | (UndoneLabel & { customer_id?: null; email?: null; reason: string })
