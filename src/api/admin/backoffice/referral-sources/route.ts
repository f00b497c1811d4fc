import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { createReferralSourceWorkflow } from "../../../../workflows/customer-records/workflows"
import { recordsService } from "../customers/helpers"

export const SOURCE_FIELDS = ["id", "name", "rank", "active", "created_at", "updated_at"]

/** GET /admin/backoffice/referral-sources — ordered by rank, then name. */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const q = (req as unknown as { validatedQuery: { active?: "true" | "false" } }).validatedQuery
  const filters = q.active ? { active: q.active === "true" } : {}
  const sources = await recordsService(req).listReferralSources(filters, {
    select: SOURCE_FIELDS,
    order: { rank: "ASC", name: "ASC" },
  })
  res.json({ referral_sources: sources, count: sources.length })
}

/** POST /admin/backoffice/referral-sources */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const body = (req as unknown as { validatedBody: { name: string; rank?: number; active?: boolean } }).validatedBody
  const { result } = await createReferralSourceWorkflow(req.scope).run({ input: body })
  res.status(201).json({ referral_source: result })
}
