import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { CUSTOMER_DUPLICATES_MODULE } from "../../../../../../modules/customer-duplicates"
import type CustomerDuplicatesModuleService from "../../../../../../modules/customer-duplicates/service"
import { listStoreDuplicates } from "../../../../../../lib/customer-import/store-duplicates"
import { importContext } from "../../../../../../workflows/customer-import/context"
import { customerSummaries, reasonsOf } from "../../../duplicates/helpers"
import { importKnex, loadRun } from "../../helpers"
import type { ImportDuplicatesQueryType } from "../../validators"

/**
 * GET /admin/backoffice/customer-imports/:id/duplicates?confidence&limit&offset —
 * the review's "Already in the store?": rows that would create a customer
 * but look like one the store has (the duplicate detection's rules), each
 * with the customers it matches, the reasons and the score.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const run = await loadRun(req, res)
  if (!run) return
  const q = (req as unknown as { validatedQuery: ImportDuplicatesQueryType }).validatedQuery
  const svc: CustomerDuplicatesModuleService = req.scope.resolve(CUSTOMER_DUPLICATES_MODULE)
  const ctx = await importContext(req.scope, { runId: run.id, review: true })
  const { rows, count } = await listStoreDuplicates(importKnex(req.scope), run.id, ctx, (p) => svc.matchPeople(p), q)
  const byId = await customerSummaries(req, rows.flatMap((r) => r.matches.map((m) => m.customer_id)))
  res.json({
    rows: rows.map((r) => ({
      ...r,
      matches: r.matches.flatMap((m) => {
        const customer = byId.get(m.customer_id)
        return customer ? [{ customer, score: m.score, confidence: m.confidence, reasons: reasonsOf(m.reasons) }] : []
      }),
    })),
    count,
    limit: q.limit,
    offset: q.offset,
  })
}
