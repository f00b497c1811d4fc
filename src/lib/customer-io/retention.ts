/**
 * Retention of the files the plugin keeps in the File module: customer
 * exports and the backups taken before an import updates customers.
 *
 * - an export file is deleted `exportRetentionDays` after its export finished;
 * - an import's backup is kept at least as long, and never while the import
 *   can still be undone (its undo window, `importUndoDays`, has to be over).
 *
 * 0 days keeps every file forever. The records stay: an expired export shows
 * "File expired" instead of its download, an import "Backup expired".
 */
import type { Knex } from "@medusajs/framework/mikro-orm/knex"

export const CUSTOMER_EXPORT_JOB_TYPE = "customer_export.run"
const DAY_MS = 24 * 3600 * 1000

export type ExpiredExport = { id: string; result: Record<string, unknown> }
export type ExpiredBackup = { id: string; backup_file_id: string }

/** The retention's cut-off: files older than this moment expire (null = keep forever). */
export function retentionCutoff(now: Date, retentionDays: number): Date | null {
  return retentionDays > 0 ? new Date(now.getTime() - retentionDays * DAY_MS) : null
}

/** Completed exports whose file is older than the cut-off and not yet deleted, oldest first. */
export async function findExpiredExports(knex: Knex, cutoff: Date, limit: number): Promise<ExpiredExport[]> {
  return knex("backoffice_job")
    .where({ type: CUSTOMER_EXPORT_JOB_TYPE, status: "completed" })
    .whereNull("deleted_at")
    .where("finished_at", "<", cutoff)
    .whereRaw(`coalesce(result->>'file_id', '') <> ''`)
    .orderBy([{ column: "finished_at" }, { column: "id" }])
    .limit(limit)
    .select("id", "result")
}

/**
 * Import backups older than the cut-off whose import can no longer be undone
 * (undo window over, or never completed) and is not being written or undone.
 */
export async function findExpiredBackups(
  knex: Knex,
  now: Date,
  cutoff: Date,
  limit: number
): Promise<ExpiredBackup[]> {
  return knex("import_run")
    .whereNotNull("backup_file_id")
    .whereNull("deleted_at")
    .whereNotIn("status", ["committing", "undoing"])
    .whereRaw(`coalesce(committed_at, created_at) < ?`, [cutoff])
    .where((q) => q.whereNull("undo_until").orWhere("undo_until", "<=", now))
    .orderBy([{ column: "created_at" }, { column: "id" }])
    .limit(limit)
    .select("id", "backup_file_id")
}
