import { authenticate, type MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody } from "../../../utils/validation"
import { BulkInvitationBody, InvitationTokenBody, SendInvitationBody } from "./validators"

/** Invitations: admin send (one, bulk) and the storefront's open/accept of the link. */
export const invitationMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/backoffice/customers/:id/invitations",
    method: ["POST"],
    middlewares: [validateBody(SendInvitationBody)],
  },
  {
    matcher: "/admin/backoffice/invitations",
    method: ["POST"],
    middlewares: [validateBody(BulkInvitationBody)],
  },
  {
    // the token is the credential (like a password-reset link): no session needed to look at it
    matcher: "/store/backoffice/invitations/open",
    method: ["POST"],
    middlewares: [validateBody(InvitationTokenBody)],
  },
  {
    // joining needs the registered account the shopper just created and logged in to
    matcher: "/store/backoffice/invitations/accept",
    method: ["POST"],
    middlewares: [authenticate("customer", ["session", "bearer"]), validateBody(InvitationTokenBody)],
  },
]
