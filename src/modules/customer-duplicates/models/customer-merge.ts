import { model } from "@medusajs/framework/utils"

export const MERGE_STATUSES = ["running", "completed", "undone"] as const
export type MergeStatus = (typeof MERGE_STATUSES)[number]

/**
 * One merge of duplicate customers into a primary: what moved (the undo log:
 * row ids per table and column, previous values, ledger entry ids) so that
 * undo puts everything back exactly, within `mergeUndoDays`.
 */
const CustomerMerge = model
  .define("customer_merge", {
    id: model.id({ prefix: "cmrg" }).primaryKey(),
    primary_id: model.text(),
    /** The merged-away customers (soft-deleted, "merged into" the primary). */
    secondary_ids: model.json(),
    status: model.enum([...MERGE_STATUSES]).default("running"),
    /** Field choices: field → id of the customer whose value was kept. */
    fields: model.json().nullable(),
    /** Counts per table (what the answer and the admin show). */
    summary: model.json().nullable(),
    /** The undo log (src/lib/customer-merge/types.ts UndoLog). */
    undo: model.json().nullable(),
    merged_by: model.text().nullable(),
    /**
     * "staff": merged by hand; "invitation": joined automatically when the shopper registered through an
     * invitation link; "email_verification": joined when the shopper proved the email with Medusa's email verification.
     */
    source: model.enum(["staff", "invitation", "email_verification"]).default("staff"),
    undo_until: model.dateTime(),
    undone_at: model.dateTime().nullable(),
    undone_by: model.text().nullable(),
    /** What changed on the primary after the merge and stayed when it was undone. */
    undo_report: model.json().nullable(),
  })
  .indexes([{ on: ["primary_id", "created_at"] }, { on: ["status"] }])

export default CustomerMerge
