import crypto from "crypto"

/** Image types of customer photos, by the stored key's extension. */
export const PHOTO_MIME_BY_EXT: Record<string, string> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
}

export function photoMimeType(key: string): string | null {
  const ext = /\.([A-Za-z0-9]+)$/.exec(key)?.[1]?.toLowerCase()
  return (ext && PHOTO_MIME_BY_EXT[ext]) || null
}

/** Changes with every new photo, so a cached image is never shown for the next one. */
function version(key: string) {
  return crypto.createHash("sha256").update(key).digest("hex").slice(0, 12)
}

/** Where the admin loads a customer's photo (an admin route: never a public file URL). */
export function adminPhotoUrl(customerId: string, key: string) {
  return `/admin/backoffice/customers/${encodeURIComponent(customerId)}/photo?v=${version(key)}`
}

/** Where a logged-in customer loads their own photo. */
export function storePhotoUrl(key: string) {
  return `/store/backoffice/profile/photo?v=${version(key)}`
}
