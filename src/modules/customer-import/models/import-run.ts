import { model } from "@medusajs/framework/utils"

import { IMPORT_RUN_STATUSES } from "../../../types/customer-import"

export { IMPORT_RUN_STATUSES, type ImportRunStatus } from "../../../types/customer-import"

/**
 * One CSV import: the uploaded file (kept in the File module), the column
 * mapping, the counts of the review and of the commit, the backup of the
 * customers it updated and the undo window.
 */
const ImportRun = model
  .define("import_run", {
    id: model.id({ prefix: "cimp" }).primaryKey(),
    status: model.enum([...IMPORT_RUN_STATUSES]).default("uploaded"),
    file_name: model.text(),
    file_size: model.number().default(0),
    /** File-module id (key) of the uploaded file. */
    file_id: model.text().nullable(),
    encoding: model.text().nullable(),
    /**
     * How the encoding was settled and what it could not read:
     * { detected, chosen, invalid_bytes, invalid_rows, first_invalid_rows }.
     */
    encoding_report: model.json().nullable(),
    delimiter: model.text().nullable(),
    /** Admin user who uploaded the file. */
    created_by: model.text().nullable(),
    /** The run whose failed rows this file re-imports. */
    parent_run_id: model.text().nullable(),
    headers: model.json().nullable(),
    /** [{ header, column, reason? }] in file order. */
    mapping: model.json().nullable(),
    counts: model.json().nullable(),
    /** The background job currently working on the run (parse, revalidate, commit). */
    job_id: model.text().nullable(),
    backup_file_id: model.text().nullable(),
    /** When the backup file was deleted by the files retention (the run then shows "File expired"). */
    backup_expired_at: model.dateTime().nullable(),
    committed_at: model.dateTime().nullable(),
    undo_until: model.dateTime().nullable(),
    undone_at: model.dateTime().nullable(),
    /** Customers the undo left alone (changed since the import). */
    undo_skipped: model.json().nullable(),
    error: model.text().nullable(),
    /**
     * Categories and "How did you find us?" choices the file names and the
     * store does not have: { new_categories, new_referral_sources } (review),
     * map (the merchant's rename / map-to-existing per file value) and
     * created (what confirming the import created; undo removes them).
     */
    labels: model.json().nullable(),
  })
  .indexes([{ on: ["created_at"] }, { on: ["parent_run_id"] }])

export default ImportRun
