import { z } from "@medusajs/framework/zod"
import { INVITATION_TOKEN_PATTERN } from "../../../../lib/invitations"
import { INVITE_MAX_BULK } from "../../../../types/invitations"

const customerId = z
  .string({ error: "Must be a customer id" })
  .regex(/^[A-Za-z0-9_]{1,100}$/, "Must be a customer id such as cus_01…")

export const SendInvitationBody = z.object({}).strict()

export const BulkInvitationBody = z
  .object({
    customer_ids: z
      .array(customerId, { error: "Send the ids of the customers to invite" })
      .min(1, "Name at least one customer")
      .max(INVITE_MAX_BULK, `At most ${INVITE_MAX_BULK} customers at once`),
  })
  .strict()
export type BulkInvitationBodyType = z.infer<typeof BulkInvitationBody>

/** The token from the invitation link (43 base64url characters). */
export const InvitationTokenBody = z
  .object({
    token: z
      .string({ error: "Send the token from the invitation link" })
      .regex(INVITATION_TOKEN_PATTERN, "Malformed invitation token: copy the whole link from the message"),
  })
  .strict()
export type InvitationTokenBodyType = z.infer<typeof InvitationTokenBody>
