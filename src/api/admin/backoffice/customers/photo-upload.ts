import type {
  MedusaNextFunction,
  MedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { imageSize } from "image-size"
import multer from "multer"
import { refuseBadText } from "../../../utils/input-guard"
import { sendInvalid } from "../../../utils/validation"
import { recordsService } from "./helpers"

export const PHOTO_TYPES = [
  { mime: "image/jpeg", ext: "jpg", label: "JPEG" },
  { mime: "image/png", ext: "png", label: "PNG" },
  { mime: "image/webp", ext: "webp", label: "WebP" },
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

/**
 * Decodes the image header with image-size: the width and height must be
 * readable and the decoded type must be the one the signature announced, so
 * a PNG signature followed by junk is refused.
 */
export function readImageHeader(
  buf: Buffer,
  type: (typeof PHOTO_TYPES)[number]
): { width: number; height: number } | null {
  try {
    // image-size reads through DataViews on the underlying ArrayBuffer: a
    // Buffer from Node's shared pool would let a truncated header read bytes
    // past its end. A copy of exactly its length makes such reads throw.
    const size = imageSize(new Uint8Array(buf))
    if (size.type !== type.ext || !(size.width! > 0) || !(size.height! > 0)) return null
    return { width: size.width!, height: size.height! }
  } catch {
    return null
  }
}

function formatBytes(n: number) {
  return n >= 1024 * 1024
    ? `${Math.round((n / 1024 / 1024) * 10) / 10} MB`
    : `${Math.round(n / 1024)} KB`
}

/**
 * Reads one multipart file field "file" into memory, refusing anything over
 * the plugin's photoMaxBytes and anything that is not a JPEG, PNG or WebP
 * by its bytes, with a header that decodes to a width and height.
 * Sets req.photo = { buffer, mime, ext, originalname }.
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
    if (!readImageHeader(file.buffer, type)) {
      return sendInvalid(res, [
        {
          field: "file",
          message: `The photo is not a valid ${type.label} image: its header (width and height) cannot be read`,
        },
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
