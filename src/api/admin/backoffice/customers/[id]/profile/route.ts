import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { updateCustomerProfileWorkflow } from "../../../../../../workflows/customer-records/workflows"
import type { AdminProfileBodyType } from "../../../../../../lib/validation/profile"
import type { ProfileData } from "../../../../../../workflows/customer-records/steps/upsert-profiles"
import { originFor } from "../../../../../../workflows/customer-records/origin"
import { answerProfileProblems, loadCustomer, profileView } from "../../helpers"

/** GET /admin/backoffice/customers/:id/profile */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const view = await profileView(req, req.params.id)
  if (!view) {
    return res.status(404).json({
      type: "not_found",
      message: `Customer ${req.params.id} was not found`,
    })
  }
  res.json(view)
}

const CORE_KEYS = ["first_name", "last_name", "company_name", "email", "phone"] as const

/** POST /admin/backoffice/customers/:id/profile — profile and core contact fields. */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const body = (req as unknown as { validatedBody: AdminProfileBodyType }).validatedBody
  const id = req.params.id
  const customer = await loadCustomer(req, id)
  if (!customer) {
    return res.status(404).json({ type: "not_found", message: `Customer ${id} was not found` })
  }
  if (
    await answerProfileProblems(req, res, {
      customer_id: id,
      referral_source_id: body.referral_source_id,
      customer_number: body.customer_number as string | null | undefined,
    })
  ) {
    return
  }
  const profile: ProfileData = {}
  const core: Record<string, unknown> = {}
  const additional: { phone_original?: string | null; email_changed?: boolean } = {}
  for (const [key, value] of Object.entries(body)) {
    if (value === undefined) continue
    if (key === "alt_phone") {
      const v = value as { value: string | null; original: string | null }
      profile.alt_phone = v.value
      profile.alt_phone_original = v.original
    } else if (key === "phone") {
      const v = value as { value: string | null; original: string | null }
      core.phone = v.value
      additional.phone_original = v.original
    } else if ((CORE_KEYS as readonly string[]).includes(key)) {
      core[key] = value
    } else {
      profile[key as keyof ProfileData] = value
    }
  }
  if (
    "email" in core &&
    (core.email ?? "").toString().toLowerCase() !== (customer.email ?? "").toLowerCase()
  ) {
    additional.email_changed = true
  }
  await updateCustomerProfileWorkflow(req.scope).run({
    input: {
      customer_id: id,
      profile,
      core: Object.keys(core).length ? core : undefined,
      additional_data: additional,
      origin_if_new: originFor(customer),
    },
  })
  res.json(await profileView(req, id))
}
