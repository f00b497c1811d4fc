import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { checkMergeable, MergeRefused } from "../../../../../lib/customer-merge"
import { acceptInvitationWorkflow } from "../../../../../workflows/customer-invitations/workflows"
import { pgOf } from "../../../../admin/backoffice/invitations/helpers"
import type { InvitationTokenBodyType } from "../../../../admin/backoffice/invitations/validators"
import { sessionCustomer } from "../../helpers"
import { answerRefused, InvitationRefused, liveInvitation, sameEmail } from "../helpers"

/**
 * POST /store/backoffice/invitations/accept { token } — after registering
 * (emailpass register + POST /store/customers) and logging in, the
 * storefront sends the token from the invitation link: the in-store
 * customer's orders, addresses, points, house accounts, notes, consent,
 * categories and stores join the logged-in account (an automatic merge staff
 * can undo): { joined: { customer_id, joined_customer_id, merge_id } }.
 * Only for the logged-in customer, whose account email must be the one the
 * invitation went to; nothing moves on any refusal.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const { token } = (req as unknown as { validatedBody: InvitationTokenBodyType }).validatedBody
  const me = await sessionCustomer(req)
  try {
    const hash = await checkAccept(req, token, me)
    const { result } = await acceptInvitationWorkflow(req.scope).run({
      input: { token_hash: hash, account_customer_id: me.id },
    })
    res.json({
      joined: { customer_id: result.customer_id, joined_customer_id: result.joined_customer_id, merge_id: result.merge_id },
    })
  } catch (e) {
    if (answerRefused(res, e)) return
    // the link was used up between the check and the join (a second, simultaneous accept)
    if ((e as { type?: string }).type === MedusaError.Types.NOT_ALLOWED) {
      return void res.status(409).json({ type: "conflict", message: (e as Error).message })
    }
    throw e
  }
}

/** Every refusal before anything is written; answers the token's hash. */
async function checkAccept(
  req: MedusaRequest,
  token: string,
  me: { id: string; email: string | null; has_account: boolean }
): Promise<string> {
  if (!me.has_account) throw new InvitationRefused(400, "Register an account before accepting the invitation")
  const { invitation, hash } = await liveInvitation(req, token)
  if (!sameEmail(invitation.email, me.email)) {
    throw new InvitationRefused(
      400,
      "token: this invitation was sent to another email address: register with the address the invitation went to"
    )
  }
  const { rows } = await pgOf(req).raw(`select email, has_account, deleted_at from customer where id = ?`, [
    invitation.customer_id,
  ])
  const invited = rows[0]
  if (!invited || invited.deleted_at || invited.has_account || !sameEmail(invited.email, me.email)) {
    throw new InvitationRefused(
      409,
      "token: the invited customer record was changed or removed since the invitation was sent: ask the store to join the accounts"
    )
  }
  try {
    await checkMergeable(pgOf(req), me.id, [invitation.customer_id])
  } catch (e) {
    if (e instanceof MergeRefused) throw new InvitationRefused(409, e.message)
    throw e
  }
  return hash
}
