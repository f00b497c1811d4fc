import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { CUSTOMER_DUPLICATES_MODULE } from "../../../../modules/customer-duplicates"
import type CustomerDuplicatesModuleService from "../../../../modules/customer-duplicates/service"
import { query } from "../../../utils/engagement"
import type { DuplicateGroup } from "../../../../types/duplicates"
import { customerSummaries, reasonsOf } from "./helpers"
import type { ListDuplicatesQueryType } from "./validators"

/**
 * GET /admin/backoffice/duplicates — possible duplicate customers, highest
 * score first: { groups: [{ id, customer_ids, score, confidence, reasons, customers, pairs }], count }.
 * A group is a pair, or the connected group of likely pairs (three customers
 * sharing a phone are one group of three).
 */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const q = query<ListDuplicatesQueryType>(req)
  const svc: CustomerDuplicatesModuleService = req.scope.resolve(CUSTOMER_DUPLICATES_MODULE)
  const { groups: found, count } = await svc.listGroups(q)
  const byId = await customerSummaries(req, found.flatMap((g) => g.customer_ids))
  const groups: DuplicateGroup[] = found.map((g) => ({
    id: g.id,
    customer_ids: g.customer_ids,
    score: g.score,
    confidence: g.confidence,
    reasons: reasonsOf(g.reasons),
    detected_at: new Date(g.detected_at).toISOString(),
    customers: g.customer_ids.flatMap((id) => byId.get(id) ?? []),
    pairs: g.pairs.map((p) => ({
      customer_ids: [p.customer_a_id, p.customer_b_id] as [string, string],
      score: p.score,
      confidence: p.confidence,
      reasons: reasonsOf(p.reasons),
    })),
  }))
  res.json({ groups, count, limit: q.limit, offset: q.offset })
}
