import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import {
  deleteCustomerNoteWorkflow,
  updateCustomerNoteWorkflow,
} from "../../../../../../../workflows/customer-engagement/workflows"
import { actorId, body, requireCustomer } from "../../../../../../utils/engagement"
import type { UpdateNoteBodyType } from "../../../engagement-validators"

/** POST /admin/backoffice/customers/:id/notes/:note_id { body?, pinned? } */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  await requireCustomer(req)
  const input = body<UpdateNoteBodyType>(req)
  const { result } = await updateCustomerNoteWorkflow(req.scope).run({
    input: {
      id: req.params.note_id,
      customer_id: req.params.id,
      body: input.body,
      pinned: input.pinned,
      actor_id: actorId(req),
    },
  })
  res.json({ note: result })
}

/** DELETE /admin/backoffice/customers/:id/notes/:note_id (soft delete) */
export async function DELETE(req: MedusaRequest, res: MedusaResponse) {
  await requireCustomer(req)
  await deleteCustomerNoteWorkflow(req.scope).run({
    input: { id: req.params.note_id, customer_id: req.params.id, actor_id: actorId(req) },
  })
  res.json({ id: req.params.note_id, object: "customer_note", deleted: true })
}
