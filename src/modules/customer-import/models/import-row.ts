import { model } from "@medusajs/framework/utils"

import { IMPORT_ROW_ACTIONS } from "../../../types/customer-import"

export { IMPORT_ROW_ACTIONS, type ImportRowAction } from "../../../types/customer-import"

/**
 * One data row of an import file, staged for review and commit. Written
 * set-based (COPY / unnest) by the pipeline in src/lib/customer-import.
 *
 * - `raw`: the cells as read, by header index;
 * - `values`: by column key after the mapping and the merchant's edits;
 * - `errors`: by column key; `row_error`: problems of the whole row;
 * - `customer_id`: the existing customer matched by email, or the id the new
 *   customer will get (assigned at confirm, so a resumed commit never creates
 *   a customer twice);
 * - `before_image`: what the commit overwrote (for undo);
 * - `written_at`: the customer's updated_at as the commit left it;
 * - `terms_pending`: the row changed the customer's trade terms and the
 *   trade-terms workflow has not run for it yet (a resumed commit finishes it).
 */
const ImportRow = model
  .define("import_row", {
    id: model.id({ prefix: "cimpr" }).primaryKey(),
    run_id: model.text(),
    row_number: model.number(),
    raw: model.json(),
    values: model.json(),
    errors: model.json().nullable(),
    row_error: model.text().nullable(),
    action: model.enum([...IMPORT_ROW_ACTIONS]).default("invalid"),
    /** Lower-cased email (duplicate detection and matching). */
    email_key: model.text().nullable(),
    customer_id: model.text().nullable(),
    excluded: model.boolean().default(false),
    duplicate_of: model.number().nullable(),
    edited: model.boolean().default(false),
    applied_at: model.dateTime().nullable(),
    /** created | updated | unchanged | failed, after the commit. */
    result: model.text().nullable(),
    fail_reason: model.text().nullable(),
    before_image: model.json().nullable(),
    written_at: model.dateTime().nullable(),
    /** The row changed trade terms that are still to be put into effect (groups, promotions). */
    terms_pending: model.boolean().default(false),
  })
  .indexes([
    { on: ["run_id", "row_number"], unique: true },
    { on: ["run_id", "email_key"] },
  ])

export default ImportRow
