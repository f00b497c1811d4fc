import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { updateCustomerProfileWorkflow } from "../../../../workflows/customer-records/workflows"
import type { StoreProfileBodyType } from "../../../../lib/validation/profile"
import type { ProfileData } from "../../../../workflows/customer-records/steps/upsert-profiles"
import { originFor } from "../../../../workflows/customer-records/origin"
import { storePhotoUrl } from "../../../../lib/customer-files/photo"
import {
  STORE_PROFILE_FIELDS,
  answerProfileProblems,
  loadCustomer,
  recordsService,
} from "../../../admin/backoffice/customers/helpers"

async function view(req: AuthenticatedMedusaRequest, customerId: string) {
  const records = recordsService(req)
  const [profile] = await records.listCustomerProfiles({ customer_id: customerId })
  const out: Record<string, unknown> = {}
  for (const f of STORE_PROFILE_FIELDS) out[f] = (profile as Record<string, unknown> | undefined)?.[f] ?? null
  // the photo is served to its customer by the store route (the stored URL is the admin's)
  if (profile?.photo_file_id) out.photo_url = storePhotoUrl(profile.photo_file_id)
  const sources = await records.listReferralSources(
    { active: true },
    { select: ["id", "name"], order: { rank: "ASC", name: "ASC" } }
  )
  return { profile: out, referral_sources: sources }
}

/** GET /store/backoffice/profile — the logged-in customer's own profile. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  res.json(await view(req, req.auth_context.actor_id))
}

/** POST /store/backoffice/profile — only the fields a customer may edit. */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const id = req.auth_context.actor_id
  const customer = await loadCustomer(req, id)
  if (!customer) {
    return res.status(404).json({ type: "not_found", message: "Customer not found" })
  }
  const body = (req as unknown as { validatedBody: StoreProfileBodyType }).validatedBody
  if (body.referral_source_id) {
    const [source] = await recordsService(req).listReferralSources({
      id: body.referral_source_id,
      active: true,
    })
    if (!source) {
      return res.status(400).json({
        type: "invalid_data",
        message: "referral_source_id: unknown choice",
        errors: [{ field: "referral_source_id", message: "Unknown \"How did you find us\" choice" }],
      })
    }
  }
  if (await answerProfileProblems(req, res, { customer_id: id })) return
  const profile: ProfileData = {}
  for (const [key, value] of Object.entries(body)) {
    if (value === undefined) continue
    if (key === "alt_phone") {
      const v = value as { value: string | null; original: string | null }
      profile.alt_phone = v.value
      profile.alt_phone_original = v.original
    } else {
      profile[key as keyof ProfileData] = value
    }
  }
  await updateCustomerProfileWorkflow(req.scope).run({
    input: { customer_id: id, profile, origin_if_new: originFor(customer) },
  })
  res.json(await view(req, id))
}
