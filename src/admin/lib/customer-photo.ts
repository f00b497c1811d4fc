import { useQuery } from "@tanstack/react-query"
import { useEffect, useState } from "react"
import { sdk } from "./sdk"

/**
 * The `src` of a customer photo. Photos are served by an admin route (never
 * a public file URL), so the image is loaded through the SDK with the
 * admin's session or token and shown as an object URL. Other URLs (a photo
 * stored elsewhere) are used as they are.
 */
export function usePhotoSrc(url: string | null | undefined): string | undefined {
  const viaAdmin = !!url && url.startsWith("/admin/")
  const { data } = useQuery({
    queryKey: ["customer-backoffice", "photo", url],
    enabled: viaAdmin,
    staleTime: Infinity,
    retry: false,
    queryFn: async () => {
      const res = (await sdk.client.fetch(url!, {
        method: "GET",
        headers: { accept: "image/*" },
      })) as unknown as Response
      return res.blob()
    },
  })
  const [src, setSrc] = useState<string | undefined>(undefined)
  useEffect(() => {
    if (!data) {
      setSrc(undefined)
      return
    }
    const objectUrl = URL.createObjectURL(data)
    setSrc(objectUrl)
    return () => URL.revokeObjectURL(objectUrl)
  }, [data])
  if (!url) return undefined
  return viaAdmin ? src : url
}
