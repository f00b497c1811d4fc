import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import JSZip from "jszip"
import type { Readable } from "stream"
import type { CustomerFileStore } from "../customer-files"
import type { FormerValues } from "./former-values"

/** Files larger than this are not read to look for the customer (they are deleted when they may hold them). */
const MAX_READ_BYTES = 64 * 1024 * 1024

export type StoredFile = {
  /** where the reference lives: "export <job id>", "import <run id> upload" … */
  place: string
  key: string
  /** clears the reference once the file is gone */
  detach: (trx: Knex) => Promise<void>
}

async function readAll(stream: Readable): Promise<Buffer | null> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of stream) {
    size += chunk.length
    if (size > MAX_READ_BYTES) {
      stream.destroy()
      return null
    }
    chunks.push(Buffer.from(chunk))
  }
  return Buffer.concat(chunks)
}

/** A file's searchable text: CSV as is, XLSX (a ZIP) as the text of its XML parts. */
export async function fileText(store: CustomerFileStore, key: string): Promise<string | null> {
  let buf: Buffer | null
  try {
    buf = await readAll(await store.read(key))
  } catch {
    return "" // already gone
  }
  if (!buf) return null
  if (buf.subarray(0, 2).toString("latin1") === "PK") {
    const zip = await JSZip.loadAsync(buf)
    const parts = await Promise.all(
      Object.values(zip.files).filter((f) => !f.dir).map((f) => f.async("string"))
    )
    return parts.join("\n")
  }
  return buf.toString("utf8")
}

const xmlUnescape = (s: string) =>
  s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&")

/** Whether a file's text holds the customer's id, email or any former value. */
export function holdsCustomer(text: string | null, customerId: string, values: FormerValues): boolean {
  if (text === null) return true
  const t = xmlUnescape(text).toLowerCase()
  return [customerId, ...values.long, ...values.short].some((v) => t.includes(v.toLowerCase()))
}

/**
 * Every stored file that can hold customers: customer exports (job results),
 * import uploads and import backups.
 */
export async function customerFileRefs(knex: Knex): Promise<StoredFile[]> {
  const refs: StoredFile[] = []
  const exports = await knex.raw(
    `SELECT id, result->>'file_id' AS key FROM backoffice_job
      WHERE type IN ('customer_export.run', 'gdpr.data_export') AND deleted_at IS NULL AND result->>'file_id' IS NOT NULL`
  )
  for (const j of exports.rows as { id: string; key: string }[]) {
    refs.push({
      place: `customer export ${j.id}`,
      key: j.key,
      detach: (trx) =>
        trx.raw(
          `UPDATE backoffice_job SET result = result || '{"file_id": null, "removed_by_forget": true}'::jsonb WHERE id = ?`,
          [j.id]
        ),
    })
  }
  if (await knex.schema.hasTable("import_run")) {
    const runs = await knex.raw(
      `SELECT id, file_id, backup_file_id FROM import_run
        WHERE deleted_at IS NULL AND (file_id IS NOT NULL OR backup_file_id IS NOT NULL)`
    )
    for (const r of runs.rows as { id: string; file_id: string | null; backup_file_id: string | null }[]) {
      for (const column of ["file_id", "backup_file_id"] as const) {
        if (!r[column]) continue
        refs.push({
          place: `import ${r.id} ${column === "file_id" ? "upload" : "backup"}`,
          key: r[column]!,
          detach: (trx) => trx.raw(`UPDATE import_run SET ${column} = NULL WHERE id = ?`, [r.id]),
        })
      }
    }
  }
  return refs
}

/**
 * Deletes the stored files that hold the customer (a file shared with other
 * customers is deleted whole: rewriting exports and backups would change
 * what they were a record of) and clears their references. Returns the
 * places of the files removed.
 */
export async function removeCustomerFiles(
  knex: Knex,
  store: CustomerFileStore,
  customerId: string,
  values: FormerValues,
  extraKeys: string[]
): Promise<{ removed: string[]; checked: number }> {
  const refs = await customerFileRefs(knex)
  const removed: string[] = []
  for (const ref of refs) {
    if (!holdsCustomer(await fileText(store, ref.key), customerId, values)) continue
    await store.remove(ref.key)
    await ref.detach(knex)
    removed.push(ref.place)
  }
  const own = extraKeys.filter((k) => k && !/^https?:|\//.test(k))
  if (own.length) {
    await store.remove(own).catch(() => undefined)
    removed.push(...own.map(() => "customer photo"))
  }
  return { removed, checked: refs.length }
}

/** The stored files still holding a former value after erasure (verification). */
export async function filesStillHolding(
  knex: Knex,
  store: CustomerFileStore,
  values: FormerValues
): Promise<{ checked: number; hits: string[] }> {
  const refs = await customerFileRefs(knex)
  const hits: string[] = []
  for (const ref of refs) {
    const text = await fileText(store, ref.key)
    // whole-value (short) matches make no sense inside a file: only the long values are looked for
    if (text !== null && values.long.length && holdsCustomer(text, "\u0000", { ...values, short: [] })) {
      hits.push(ref.place)
    }
  }
  return { checked: refs.length, hits }
}
