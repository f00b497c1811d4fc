import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import multer from "multer"
import { sendInvalid } from "../../../utils/validation"
import { customerFiles } from "../../../../lib/customer-files"
import { refuseBadText } from "../../../utils/input-guard"
import { findTextProblem } from "../../../../lib/validation/input"
import { importService } from "./helpers"

export type UploadedImportFile = { key: string; size: number; originalname: string }

function formatBytes(n: number) {
  return n >= 1024 * 1024 ? `${Math.round((n / 1024 / 1024) * 10) / 10} MB` : `${Math.round(n / 1024)} KB`
}

/**
 * Receives the multipart field "file" and streams it straight into the
 * customer-file store (under a random key, never served publicly): the file
 * is never held in memory.
 * Larger than `importMaxBytes` → 413 and the partial file is deleted.
 */
export function receiveImportFile(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const max = importService(req.scope).options.importMaxBytes
  const tooLarge = () =>
    res.status(413).json({
      type: "payload_too_large",
      message: `The file is larger than ${formatBytes(max)} (importMaxBytes)`,
    })
  const declared = Number(req.headers["content-length"] ?? 0)
  if (declared > max + 64 * 1024) {
    req.resume()
    return tooLarge()
  }
  const files = customerFiles(req.scope)
  if (files.plan.refused) {
    req.resume()
    return res.status(503).json({ type: "not_allowed", message: `Customer files cannot be stored: ${files.plan.refused}` })
  }
  const storage: multer.StorageEngine = {
    _handleFile(_req, file, cb) {
      files
        .upload({ kind: "customer-import", ext: "csv", mimeType: "text/csv" })
        .then(({ writeStream, done }) => {
          let size = 0
          file.stream.on("data", (c: Buffer) => {
            size += c.length
          })
          file.stream.pipe(writeStream)
          done.then((key) => cb(null, { key, size } as never)).catch((e: Error) => cb(e))
        })
        .catch((e: Error) => cb(e))
    },
    _removeFile(_req, file, cb) {
      const key = (file as unknown as { key?: string }).key
      if (!key) return cb(null)
      files.remove(key).then(() => cb(null), () => cb(null))
    },
  }
  multer({ storage, limits: { fileSize: max, files: 1 } }).single("file")(req as never, res as never, (err: unknown) => {
    if (err) {
      const code = (err as { code?: string }).code
      if (code === "LIMIT_FILE_SIZE") return tooLarge()
      const message =
        code === "LIMIT_UNEXPECTED_FILE" || code === "LIMIT_FILE_COUNT"
          ? 'Send one file in the form field "file"'
          : `Could not read the upload: ${(err as Error).message}`
      return sendInvalid(res, [{ field: "file", message }])
    }
    const file = (req as unknown as { file?: { key: string; size: number; originalname: string } }).file
    // the form's text fields and the file's name follow the same input rules as JSON bodies
    // a refused upload's file is deleted before the answer goes out
    const discard = (): Promise<unknown> => (file ? files.remove(file.key).catch(() => undefined) : Promise.resolve())
    if (findTextProblem(req.body) || (file && findTextProblem(file.originalname))) {
      return void discard().then(() => refuseBadText(res, req.body) || refuseBadText(res, file!.originalname, ["file"]))
    }
    if (!file) {
      return sendInvalid(res, [{ field: "file", message: 'Attach a CSV file in the form field "file"' }])
    }
    if (!file.size) {
      return void discard().then(() => sendInvalid(res, [{ field: "file", message: "The file is empty" }]))
    }
    ;(req as unknown as { importFile: UploadedImportFile }).importFile = {
      key: file.key,
      size: file.size,
      originalname: file.originalname,
    }
    next()
  })
}
