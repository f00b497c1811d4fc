import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { createCustomerNoteWorkflow } from "../../../../../../workflows/customer-engagement/workflows"
import {
  actorId,
  body,
  engagementService,
  requireCustomer,
  userNames,
} from "../../../../../utils/engagement"
import type { CreateNoteBodyType, NotesQueryType } from "../../engagement-validators"

/**
 * GET /admin/backoffice/customers/:id/notes?limit&offset&order — by default
 * pinned first, then oldest → newest.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  await requireCustomer(req)
  const q = (req as MedusaRequest & { validatedQuery: NotesQueryType }).validatedQuery
  const [notes, count] = await engagementService(req).listNotesInOrder(req.params.id, q)
  const names = await userNames(req, notes.flatMap((n) => [n.author_id, n.updated_by]))
  res.json({
    notes: notes.map((n) => ({
      ...n,
      author_name: n.author_id ? (names[n.author_id] ?? null) : null,
      updated_by_name: n.updated_by ? (names[n.updated_by] ?? null) : null,
    })),
    count,
    limit: q.limit,
    offset: q.offset,
  })
}

/** POST /admin/backoffice/customers/:id/notes { body, pinned? } */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  await requireCustomer(req)
  const input = body<CreateNoteBodyType>(req)
  const { result } = await createCustomerNoteWorkflow(req.scope).run({
    input: {
      customer_id: req.params.id,
      body: input.body,
      pinned: input.pinned,
      author_id: actorId(req),
    },
  })
  res.status(201).json({ note: result })
}
