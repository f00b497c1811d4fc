import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { ErasureCertificate, ErasurePlace, ProviderDeletion } from "../../types/gdpr"
import type { CustomerFileStore } from "../customer-files"
import { eraseRows, placeholderEmail } from "./erase"
import { removeCustomerFiles, filesStillHolding } from "./files"
import { collectFormerValues } from "./former-values"
import { findCustomerRows, loadColumns, type Who } from "./places"
import { scanDatabase, scanRedis } from "./scan"

export type ForgetInput = {
  knex: Knex
  store: CustomerFileStore
  customerId: string
  jobId: string
  staff: { id: string | null; name: string | null }
  redisUrls: string[]
  /** account holders the payment providers deleted before this erasure (recorded on the certificate) */
  providerDeletions?: ProviderDeletion[]
  progress?: (percent: number, message: string) => Promise<void>
  /** runs once the data is erased, before the verification (the timeline line and the event) */
  afterErase?: () => Promise<void>
}

/** Whether the customer was forgotten already (its email is the placeholder). */
export async function isForgotten(knex: Knex, customerId: string): Promise<boolean> {
  const { rows } = await knex.raw(`SELECT email FROM customer WHERE id = ?`, [customerId])
  return rows[0]?.email === placeholderEmail(customerId)
}

/**
 * Forgets one customer: finds their rows in every registered place, keeps
 * their former values in memory, applies each table's forget rule in one
 * transaction, deletes the stored files holding them, then searches every
 * text and JSON column of every table, every Redis key and the customer
 * files for the former values. Returns the certificate (hits listed; the
 * caller fails the job when there is any).
 */
export async function forgetCustomer(input: ForgetInput): Promise<ErasureCertificate> {
  const { knex, customerId } = input
  const progress = input.progress ?? (async () => undefined)
  const columns = await loadColumns(knex)
  const { rows } = await knex.raw(`SELECT email FROM customer WHERE id = ?`, [customerId])
  if (!rows.length) throw new Error(`Customer ${customerId} was not found`)
  const emails = [rows[0].email].filter((e: string | null) => e && e !== placeholderEmail(customerId))
  const who: Who = { id: customerId, emails }
  await progress(5, "Finding the customer's data")
  const found = await findCustomerRows(knex, who, columns)
  const values = await collectFormerValues(knex, customerId, found, columns)
  const photoKeys = await profilePhotoKeys(knex, found)
  const groups = found.find((f) => f.decl.table === "customer_group_customer")?.ids.length ?? 0

  await progress(20, "Erasing")
  const places: ErasurePlace[] = await eraseRows(knex, customerId, found, columns)
  await progress(40, "Removing files")
  const files = await removeCustomerFiles(knex, input.store, customerId, values, photoKeys)

  await input.afterErase?.()
  await progress(50, "Verifying: database")
  const scanStarted = Date.now()
  const db = await scanDatabase(knex, values, columns, (done, total) =>
    progress(50 + Math.round((35 * done) / total), `Verifying: ${done}/${total} tables`)
  )
  await progress(85, "Verifying: Redis")
  const redis = { keys: 0, capped: false, hits: [] as ErasureCertificate["hits"] }
  for (const url of [...new Set(input.redisUrls)]) {
    const r = await scanRedis(url, values)
    redis.keys += r.keys
    redis.capped ||= r.capped
    redis.hits.push(...r.hits)
  }
  await progress(95, "Verifying: files")
  const fileScan = await filesStillHolding(knex, input.store, values)
  const hits = [...db.hits, ...redis.hits, ...fileScan.hits.map((place) => ({ place: `file:${place}`, rows: 1 }))]
  return {
    customer_id: customerId,
    job_id: input.jobId,
    forgotten_at: new Date().toISOString(),
    forgotten_by: input.staff,
    places,
    files_removed: files.removed,
    provider_deletions: input.providerDeletions ?? [],
    groups_left: groups,
    scan: {
      tables: db.tables,
      columns: db.columns,
      rows: db.rows,
      redis_keys: redis.keys,
      redis_capped: redis.capped,
      files: fileScan.checked,
      values_searched: values.long.length + values.short.length,
      values_too_short: values.tooShort,
      values_shared: values.shared,
      duration_ms: Date.now() - scanStarted,
    },
    hits,
    verdict: hits.length ? "hits" : "erased",
  }
}

async function profilePhotoKeys(knex: Knex, found: Awaited<ReturnType<typeof findCustomerRows>>) {
  const profile = found.find((f) => f.decl.table === "customer_profile")
  if (!profile?.ids.length) return []
  const { rows } = await knex.raw(
    `SELECT photo_file_id FROM customer_profile WHERE id = ANY(?) AND photo_file_id IS NOT NULL`,
    [profile.ids]
  )
  return (rows as { photo_file_id: string }[]).map((r) => r.photo_file_id)
}
