import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { IFileModuleService } from "@medusajs/framework/types"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { pipeline } from "stream/promises"
import { customerFiles } from "./index"
import { DIRECTORY_KEY_PREFIX } from "./store"
import { adminPhotoUrl, photoMimeType } from "./photo"

type Resolver = { resolve: <T = unknown>(key: string) => T }

export type LegacyMoveResult = { moved: number; missing: number }

/**
 * Files written by earlier versions straight through the File module are
 * moved into the customer-file store: customer photos always (they were
 * stored as public files), import uploads, import backups and exports when
 * the File module's provider would publish private files. Each record is
 * pointed at the new key before the old file is deleted; a file that is
 * gone is counted and its record left as it is.
 */
export async function moveLegacyCustomerFiles(container: Resolver): Promise<LegacyMoveResult> {
  const store = customerFiles(container)
  const result: LegacyMoveResult = { moved: 0, missing: 0 }
  if (store.plan.refused) return result
  const knex = container.resolve<Knex>(ContainerRegistrationKeys.PG_CONNECTION)
  const files = container.resolve<IFileModuleService>(Modules.FILE)
  const legacy = (column: string) =>
    knex.raw(`?? is not null and ?? not like ?`, [column, column, `${DIRECTORY_KEY_PREFIX}%`])

  async function move(oldKey: string, kind: string, ext: string, mimeType: string, point: (key: string) => Promise<void>) {
    let source: NodeJS.ReadableStream
    try {
      source = await files.getDownloadStream(oldKey)
    } catch {
      result.missing++
      return
    }
    const upload = await store.upload({ kind, ext, mimeType })
    let key: string
    try {
      await pipeline(source, upload.writeStream)
      key = await upload.done
    } catch {
      upload.writeStream.destroy()
      await upload.done.catch(() => undefined)
      result.missing++
      return
    }
    if (key === oldKey) return
    try {
      await point(key)
    } catch (e) {
      await store.remove(key).catch(() => undefined)
      throw e
    }
    await files.deleteFiles(oldKey).catch(() => undefined)
    result.moved++
  }

  const photos = await knex("customer_profile").whereRaw(legacy("photo_file_id")).select("id", "customer_id", "photo_file_id")
  for (const p of photos) {
    const mime = photoMimeType(p.photo_file_id) ?? "application/octet-stream"
    const ext = /\.([A-Za-z0-9]+)$/.exec(p.photo_file_id)?.[1]?.toLowerCase() ?? "bin"
    await move(p.photo_file_id, "customer-photo", ext, mime, async (key) => {
      await knex("customer_profile")
        .where({ id: p.id, photo_file_id: p.photo_file_id })
        .update({ photo_file_id: key, photo_url: adminPhotoUrl(p.customer_id, key) })
    })
  }
  // private files are private with this provider: nothing more to move
  if (store.plan.kind !== "directory") return result

  for (const column of ["file_id", "backup_file_id"] as const) {
    const runs = await knex("import_run").whereRaw(legacy(column)).select("id", column)
    for (const r of runs) {
      await move(r[column], column === "file_id" ? "customer-import" : "customer-import-backup", "csv", "text/csv", async (key) => {
        await knex("import_run").where({ id: r.id, [column]: r[column] }).update({ [column]: key })
      })
    }
  }
  const exports = await knex("backoffice_job")
    .where({ type: "customer_export.run" })
    .whereRaw(`result->>'file_id' is not null and result->>'file_id' not like ?`, [`${DIRECTORY_KEY_PREFIX}%`])
    .select("id", knex.raw(`result->>'file_id' as file_id`), knex.raw(`result->>'format' as format`), knex.raw(`result->>'content_type' as content_type`))
  for (const j of exports) {
    const ext = j.format === "xlsx" ? "xlsx" : "csv"
    await move(j.file_id, "customer-export", ext, j.content_type || "text/csv", async (key) => {
      await knex("backoffice_job")
        .where({ id: j.id })
        .whereRaw(`result->>'file_id' = ?`, [j.file_id])
        .update({ result: knex.raw(`jsonb_set(result::jsonb, '{file_id}', to_jsonb(?::text))`, [key]) })
    })
  }
  return result
}
