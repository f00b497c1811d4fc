import { model } from "@medusajs/framework/utils"

/** How many points a debit took from each lot (so a reversal can put them back). */
const PointsAllocation = model
  .define("points_allocation", {
    id: model.id({ prefix: "ptsalc" }).primaryKey(),
    entry_id: model.text(),
    lot_id: model.text(),
    points: model.number(),
    /** Points of this allocation already given back by reversals. */
    reversed: model.number().default(0),
  })
  .indexes([{ on: ["entry_id"] }, { on: ["lot_id"] }])

export default PointsAllocation
