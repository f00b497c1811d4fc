import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { engagementService, requireCustomer, userNames } from "../../../../../../../utils/engagement"

/** GET /admin/backoffice/customers/:id/notes/:note_id/revisions — earlier texts, newest first. */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  await requireCustomer(req)
  const svc = engagementService(req)
  const [note] = await svc.listCustomerNotes({
    id: req.params.note_id,
    customer_id: req.params.id,
  })
  if (!note) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Note ${req.params.note_id} was not found`)
  }
  const revisions = await svc.listCustomerNoteRevisions(
    { note_id: note.id },
    { order: { created_at: "DESC", id: "DESC" } }
  )
  const names = await userNames(
    req,
    revisions.flatMap((r) => [r.written_by, r.replaced_by])
  )
  res.json({
    note,
    revisions: revisions.map((r) => ({
      ...r,
      written_by_name: r.written_by ? (names[r.written_by] ?? null) : null,
      replaced_by_name: r.replaced_by ? (names[r.replaced_by] ?? null) : null,
    })),
    count: revisions.length,
  })
}
