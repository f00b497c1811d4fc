import { model } from "@medusajs/framework/utils"
import CustomerNote from "./customer-note"

/** The text a note had before one edit (`created_at` = when it was replaced). */
const CustomerNoteRevision = model.define("customer_note_revision", {
  id: model.id({ prefix: "cnrev" }).primaryKey(),
  note: model.belongsTo(() => CustomerNote, { mappedBy: "revisions" }),
  body: model.text(),
  /** Admin user who wrote this text (the author or the previous editor). */
  written_by: model.text().nullable(),
  /** Admin user whose edit replaced it. */
  replaced_by: model.text().nullable(),
})

export default CustomerNoteRevision
