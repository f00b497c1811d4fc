import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { customerFiles } from "../../../lib/customer-files"
import { adminPhotoUrl } from "../../../lib/customer-files/photo"

export type StoreCustomerPhotoInput = {
  customer_id: string
  /** base64 */
  content: string
  mimeType: string
  ext: string
}

/**
 * Stores a customer photo as a customer file (random key, served only
 * through the admin route). Compensation deletes it.
 */
export const storeCustomerPhotoStep = createStep(
  "cbo-store-customer-photo",
  async (input: StoreCustomerPhotoInput, { container }) => {
    const key = await customerFiles(container).put(
      { kind: "customer-photo", ext: input.ext, mimeType: input.mimeType },
      Buffer.from(input.content, "base64")
    )
    return new StepResponse({ key, url: adminPhotoUrl(input.customer_id, key) }, key)
  },
  async (key, { container }) => {
    if (key) await customerFiles(container).remove(key)
  }
)
