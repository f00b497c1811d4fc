import type { MedusaContainer } from "@medusajs/framework/types"
import { customerFiles } from "../../src/lib/customer-files"

/** Whether the customer-file store still holds this key (reads it to the end). */
export async function customerFileExists(container: MedusaContainer, key: string): Promise<boolean> {
  let stream: NodeJS.ReadableStream
  try {
    stream = await customerFiles(container).read(key)
  } catch {
    return false
  }
  return new Promise<boolean>((resolve) => {
    stream.on("error", () => resolve(false))
    stream.on("end", () => resolve(true))
    stream.resume()
  })
}
