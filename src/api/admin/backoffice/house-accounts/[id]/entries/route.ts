import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { randomUUID } from "crypto"
import { postHouseAccountEntryWorkflow } from "../../../../../../workflows/house-accounts"
import { actorId, body, query } from "../../../../../utils/engagement"
import { asMedusaError, houseAccounts, requireCustomers, sendConflict } from "../../helpers"
import type { ListEntriesQueryType, PostEntryBodyType } from "../../validators"

/** GET /admin/backoffice/house-accounts/:id/entries?kind&from&to&limit&offset → { entries, count, limit, offset } */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const svc = houseAccounts(req)
  await svc.getAccount(req.params.id)
  const q = query<ListEntriesQueryType>(req)
  const { entries, count } = await svc.listEntries(
    req.params.id,
    { kind: q.kind, from: q.from, to: q.to },
    { limit: q.limit, offset: q.offset }
  )
  res.json({ entries, count, limit: q.limit, offset: q.offset })
}

/**
 * POST /admin/backoffice/house-accounts/:id/entries
 * { kind: charge|payment|adjustment, amount, method?, reason?, reference?, customer_id?, idempotency_key? }
 * → 201 { entry, account } (200 for a replayed idempotency key, nothing written).
 * A charge over the credit limit or the per-order maximum, or on an account on
 * hold or closed → 409 { message, available_credit, account }, nothing written.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const svc = houseAccounts(req)
  await svc.getAccount(req.params.id)
  const input = body<PostEntryBodyType>(req)
  if (input.customer_id) await requireCustomers(req, [input.customer_id], "customer_id")
  const actor = actorId(req)
  try {
    const { result } = await postHouseAccountEntryWorkflow(req.scope).run({
      input: {
        account_id: req.params.id,
        kind: input.kind,
        // The API speaks of positive payments; the ledger stores what they do to the balance.
        amount: input.kind === "payment" ? -input.amount : input.amount,
        method: input.kind === "payment" ? input.method ?? "other" : null,
        reason: input.reason || null,
        reference: input.reference || null,
        customer_id: input.customer_id ?? null,
        actor_type: "user",
        actor_id: actor,
        source_type: "admin",
        source_id: actor,
        idempotency_key: `admin:${req.params.id}:${input.idempotency_key ?? randomUUID()}`,
      },
    })
    res.status(result.replayed ? 200 : 201).json({ entry: result.entry, account: result.account })
  } catch (e) {
    const account = await svc.getAccount(req.params.id)
    if (!sendConflict(res, e, { available_credit: account.available_credit, account })) {
      throw asMedusaError(e)
    }
  }
}
