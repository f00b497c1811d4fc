import { model } from "@medusajs/framework/utils"

/**
 * One run of the duplicate scan. An incremental scan looks only at
 * customers changed since the `started_at` of the last completed scan.
 */
const DuplicateScan = model
  .define("customer_duplicate_scan", {
    id: model.id({ prefix: "cdups" }).primaryKey(),
    job_id: model.text().nullable(),
    mode: model.enum(["full", "incremental"]),
    /** Incremental scans: customers changed after this moment. */
    since: model.dateTime().nullable(),
    started_at: model.dateTime(),
    finished_at: model.dateTime().nullable(),
    status: model.enum(["running", "completed"]).default("running"),
    customers: model.number().default(0),
    pairs: model.number().default(0),
  })
  .indexes([{ on: ["status", "started_at"] }])

export default DuplicateScan
