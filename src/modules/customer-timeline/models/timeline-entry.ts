import { model } from "@medusajs/framework/utils"

/**
 * One line of a customer's timeline: an append-only audit trail shared by
 * every feature of the plugin (and by core customer events).
 *
 * `kind` is "<area>.<verb>" (profile.updated, note.created, consent.changed,
 * points.earned …); `data` holds the details, for field changes
 * `{ changes: [{ field, old, new }] }`.
 */
const TimelineEntry = model
  .define("timeline_entry", {
    id: model.id({ prefix: "ctl" }).primaryKey(),
    customer_id: model.text(),
    kind: model.text(),
    summary: model.text(),
    data: model.json().nullable(),
    /** "user" (admin), "customer", "system", "import" … */
    actor_type: model.text().default("system"),
    actor_id: model.text().nullable(),
  })
  .indexes([
    { on: ["customer_id", "created_at"] },
    { on: ["customer_id", "kind"] },
  ])

export default TimelineEntry
