import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import {
  removeCustomerPhotoWorkflow,
  setCustomerPhotoWorkflow,
} from "../../../../../../workflows/customer-records/workflows"
import { originFor } from "../../../../../../workflows/customer-records/origin"
import { loadCustomer, profileView, recordsService } from "../../helpers"
import { sendPhoto } from "../../photo-download"

type Photo = { buffer: Buffer; mime: string; ext: string }

/** GET /admin/backoffice/customers/:id/photo — the customer's photo (admin only, streamed). */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const [profile] = await recordsService(req).listCustomerProfiles(
    { customer_id: req.params.id },
    { select: ["id", "photo_file_id"] }
  )
  await sendPhoto(req, res, profile?.photo_file_id ?? null)
}

/** POST /admin/backoffice/customers/:id/photo (multipart, field "file") */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const id = req.params.id
  const customer = await loadCustomer(req, id)
  if (!customer) {
    return res.status(404).json({ type: "not_found", message: `Customer ${id} was not found` })
  }
  const photo = (req as unknown as { photo: Photo }).photo
  await setCustomerPhotoWorkflow(req.scope).run({
    input: {
      customer_id: id,
      origin_if_new: originFor(customer),
      file: {
        ext: photo.ext,
        mimeType: photo.mime,
        content: photo.buffer.toString("base64"),
      },
    },
  })
  res.json(await profileView(req, id))
}

/** DELETE /admin/backoffice/customers/:id/photo */
export async function DELETE(req: MedusaRequest, res: MedusaResponse) {
  const id = req.params.id
  const customer = await loadCustomer(req, id)
  if (!customer) {
    return res.status(404).json({ type: "not_found", message: `Customer ${id} was not found` })
  }
  await removeCustomerPhotoWorkflow(req.scope).run({ input: { customer_id: id } })
  res.json(await profileView(req, id))
}
