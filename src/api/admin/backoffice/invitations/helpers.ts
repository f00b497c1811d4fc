import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { CUSTOMER_ENGAGEMENT_MODULE } from "../../../../modules/customer-engagement"
import type CustomerEngagementModuleService from "../../../../modules/customer-engagement/service"
import { checkInvitable, serializeInvitation, type Invitable } from "../../../../lib/invitations"
import { sendInvitationWorkflow } from "../../../../workflows/customer-invitations/workflows"
import type { InvitationTrigger } from "../../../../types/invitations"

export const pgOf = (req: MedusaRequest): Knex => req.scope.resolve(ContainerRegistrationKeys.PG_CONNECTION)
export const invitationsOf = (req: MedusaRequest) =>
  req.scope.resolve(CUSTOMER_ENGAGEMENT_MODULE) as CustomerEngagementModuleService

export const actorId = (req: MedusaRequest): string | null =>
  (req as MedusaRequest & { auth_context?: { actor_id?: string } }).auth_context?.actor_id ?? null

/** Sends one invitation (the customer was checked); answers the new invitation record. */
export async function sendOne(req: MedusaRequest, customer: Invitable, trigger: InvitationTrigger = "manual") {
  const { result } = await sendInvitationWorkflow(req.scope).run({
    input: { customer, trigger, actor_id: actorId(req) },
  })
  const [row] = await invitationsOf(req).listCustomerInvitations({ id: result.id })
  return serializeInvitation(row as Record<string, unknown>)
}

export { checkInvitable }

export const answer = (res: MedusaResponse, status: number, type: string, message: string) =>
  res.status(status).json({ type, message })
