import type {
  MedusaNextFunction,
  MedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import multer from "multer"
import { refuseBadText } from "../../../utils/input-guard"
import { sendInvalid } from "../../../utils/validation"
import { recordsService } from "./helpers"

export const PHOTO_TYPES = [
  { mime: "image/jpeg", ext: "jpg" },
  { mime: "image/png", ext: "png" },
  { mime: "image/webp", ext: "webp" },
] as const

/** The real type of an image from its first bytes (the declared type is not trusted). */
export function sniffImageType(buf: Buffer): (typeof PHOTO_TYPES)[number] | null {
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) {
    return PHOTO_TYPES[0]
  }
  if (
    buf.length >= 8 &&
    buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  ) {
    return PHOTO_TYPES[1]
  }
  if (
    buf.length >= 12 &&
    buf.subarray(0, 4).toString("latin1") === "RIFF" &&
    buf.subarray(8, 12).toString("latin1") === "WEBP"
  ) {
    return PHOTO_TYPES[2]
  }
  return null
}

function formatBytes(n: number) {
  return n >= 1024 * 1024
    ? `${Math.round((n / 1024 / 1024) * 10) / 10} MB`
    : `${Math.round(n / 1024)} KB`
}

/**
 * Reads one multipart file field "file" into memory, refusing anything over
 * the plugin's photoMaxBytes and anything that is not a JPEG, PNG or WebP
 * by its bytes. Sets req.photo = { buffer, mime, ext, originalname }.
 */
export function receivePhoto(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const max = recordsService(req).options.photoMaxBytes
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: max, files: 1 },
  }).single("file")
  upload(req as never, res as never, (err: unknown) => {
    if (err) {
      const code = (err as { code?: string }).code
      const message =
        code === "LIMIT_FILE_SIZE"
          ? `The photo is larger than ${formatBytes(max)}`
          : code === "LIMIT_UNEXPECTED_FILE" || code === "LIMIT_FILE_COUNT"
            ? 'Send one file in the form field "file"'
            : `Could not read the upload: ${(err as Error).message}`
      return sendInvalid(res, [{ field: "file", message }])
    }
    const file = (req as unknown as { file?: { buffer: Buffer; originalname: string } }).file
    // the form's text fields and the file's name follow the same input rules as JSON bodies
    if (refuseBadText(res, req.body) || (file && refuseBadText(res, file.originalname, ["file"]))) return
    if (!file) {
      return sendInvalid(res, [
        { field: "file", message: 'Attach a JPEG, PNG or WebP image in the form field "file"' },
      ])
    }
    const type = sniffImageType(file.buffer)
    if (!type) {
      return sendInvalid(res, [
        { field: "file", message: "The photo must be a JPEG, PNG or WebP image" },
      ])
    }
    ;(req as unknown as { photo: unknown }).photo = {
      buffer: file.buffer,
      mime: type.mime,
      ext: type.ext,
      originalname: file.originalname,
    }
    next()
  })
}
