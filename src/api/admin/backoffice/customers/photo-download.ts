import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { pipeline } from "stream/promises"
import { customerFiles } from "../../../../lib/customer-files"
import { photoMimeType } from "../../../../lib/customer-files/photo"

/**
 * Streams a customer photo (a customer file: only this route and the
 * store's own-photo route serve it). 404 when there is none.
 */
export async function sendPhoto(req: MedusaRequest, res: MedusaResponse, key: string | null) {
  const notFound = () => res.status(404).json({ type: "not_found", message: "This customer has no photo" })
  if (!key) return notFound()
  let stream: NodeJS.ReadableStream
  try {
    stream = await customerFiles(req.scope).read(key)
  } catch {
    return notFound()
  }
  res.status(200)
  res.setHeader("Content-Type", photoMimeType(key) ?? "application/octet-stream")
  res.setHeader("Content-Disposition", "inline")
  // the URL changes with every photo (?v=): the browser may keep it, shared caches may not
  res.setHeader("Cache-Control", "private, max-age=86400")
  res.setHeader("X-Content-Type-Options", "nosniff")
  res.setHeader("Content-Security-Policy", "default-src 'none'; sandbox")
  await pipeline(stream, res)
}
