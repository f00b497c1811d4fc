import { model } from "@medusajs/framework/utils"

import { ENTRY_KINDS } from "../../../types/enums"

export { ENTRY_KINDS, type EntryKind } from "../../../types/enums"

/**
 * One line of the append-only points ledger. `points` is signed: credits are
 * positive, debits negative. Entries are never updated except `reversed`
 * (points of this entry already reversed), written in the same transaction
 * as the reversal entry.
 */
const PointsEntry = model
  .define("points_entry", {
    id: model.id({ prefix: "ptsent" }).primaryKey(),
    account_id: model.text(),
    customer_id: model.text(),
    kind: model.enum([...ENTRY_KINDS]),
    points: model.number(),
    balance_after: model.number(),
    reason: model.text().nullable(),
    /** "user" (admin), "customer", "system". */
    actor_type: model.text(),
    actor_id: model.text().nullable(),
    /** "order", "admin", "job", ... and its id. */
    source_type: model.text().nullable(),
    source_id: model.text().nullable(),
    idempotency_key: model.text(),
    /** The lot a credit created. */
    lot_id: model.text().nullable(),
    /** For a reversal: the entry it reverses. */
    reverses_entry_id: model.text().nullable(),
    reversed: model.number().default(0),
    metadata: model.json().nullable(),
  })
  .indexes([
    { on: ["idempotency_key"], unique: true },
    { on: ["customer_id", "created_at"] },
    { on: ["account_id", "created_at"] },
    { on: ["source_type", "source_id"] },
  ])

export default PointsEntry
