import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { recordsService } from "../../../../admin/backoffice/customers/helpers"
import { sendPhoto } from "../../../../admin/backoffice/customers/photo-download"

/** GET /store/backoffice/profile/photo — the logged-in customer's own photo. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const [profile] = await recordsService(req).listCustomerProfiles(
    { customer_id: req.auth_context.actor_id },
    { select: ["id", "photo_file_id"] }
  )
  await sendPhoto(req, res, profile?.photo_file_id ?? null)
}
