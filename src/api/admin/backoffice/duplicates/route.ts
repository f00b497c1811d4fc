import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { Modules } from "@medusajs/framework/utils"
import { CUSTOMER_DUPLICATES_MODULE } from "../../../../modules/customer-duplicates"
import type CustomerDuplicatesModuleService from "../../../../modules/customer-duplicates/service"
import { query } from "../../../utils/engagement"
import {
  DUPLICATE_REASON_LABELS,
  type DuplicateCustomerSummary,
  type DuplicateGroup,
} from "../../../../types/duplicates"
import type { ListDuplicatesQueryType } from "./validators"

/**
 * GET /admin/backoffice/duplicates — possible duplicate customers, highest
 * score first: { groups: [{ id, customer_ids, score, confidence, reasons, customers }], count }.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const q = query<ListDuplicatesQueryType>(req)
  const svc: CustomerDuplicatesModuleService = req.scope.resolve(CUSTOMER_DUPLICATES_MODULE)
  const { pairs, count } = await svc.listPairs(q)
  const ids = [...new Set(pairs.flatMap((p) => [p.customer_a_id, p.customer_b_id]))]
  const customers = ids.length
    ? await req.scope.resolve(Modules.CUSTOMER).listCustomers(
        { id: ids },
        { select: ["id", "first_name", "last_name", "email", "phone", "has_account"], take: ids.length }
      )
    : []
  const byId = new Map<string, DuplicateCustomerSummary>(
    customers.map((c) => [
      c.id,
      {
        id: c.id,
        first_name: c.first_name ?? null,
        last_name: c.last_name ?? null,
        email: c.email ?? null,
        phone: c.phone ?? null,
        has_account: !!c.has_account,
      },
    ])
  )
  const groups: DuplicateGroup[] = pairs.map((p) => ({
    id: p.id,
    customer_ids: [p.customer_a_id, p.customer_b_id],
    score: p.score,
    confidence: p.confidence,
    reasons: (p.reasons ?? []).map((code) => ({ code, label: DUPLICATE_REASON_LABELS[code] ?? code })),
    detected_at: new Date(p.detected_at).toISOString(),
    customers: [p.customer_a_id, p.customer_b_id].flatMap((id) => byId.get(id) ?? []),
  }))
  res.json({ groups, count, limit: q.limit, offset: q.offset })
}
