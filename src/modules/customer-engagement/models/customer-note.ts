import { model } from "@medusajs/framework/utils"
import CustomerNoteRevision from "./customer-note-revision"

export const NOTE_MAX_LENGTH = 10_000

/** A merchant's note about a customer. Edits keep the previous text as revisions. */
const CustomerNote = model
  .define("customer_note", {
    id: model.id({ prefix: "cnote" }).primaryKey(),
    customer_id: model.text(),
    body: model.text(),
    /** Admin user who wrote the note. */
    author_id: model.text().nullable(),
    /** Admin user who last edited it. */
    updated_by: model.text().nullable(),
    pinned: model.boolean().default(false),
    revisions: model.hasMany(() => CustomerNoteRevision, { mappedBy: "note" }),
  })
  .indexes([{ on: ["customer_id", "created_at"], where: "deleted_at IS NULL" }])

export default CustomerNote
