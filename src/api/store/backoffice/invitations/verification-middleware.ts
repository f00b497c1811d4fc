import type { MedusaNextFunction, MedusaRequest, MedusaResponse, MiddlewareRoute } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { customerOfVerification } from "../../../../lib/invitations/email-verification"
import { joinOnVerifiedEmail } from "../../../../workflows/customer-invitations/join-verified"

/**
 * Medusa's POST /auth/verification/confirm marks an email verified without
 * an event or a workflow hook. Once it has answered 200, the plugin looks for
 * the registered customer of that login and joins the in-store customers
 * with the verified email to it (joinOnVerifiedEmail); the shopper's answer
 * is not held up, and a failure is only logged.
 */
function joinAfterConfirm(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  res.on("finish", () => {
    if (res.statusCode !== 200) return
    const authIdentityId = (req as MedusaRequest & { auth_context?: { auth_identity_id?: string } }).auth_context
      ?.auth_identity_id
    const code = (req.body as { code?: unknown } | undefined)?.code
    void (async () => {
      const customerId = await customerOfVerification(req.scope.resolve(ContainerRegistrationKeys.PG_CONNECTION), authIdentityId || undefined, code)
      if (customerId) await joinOnVerifiedEmail(req.scope, customerId)
    })().catch((e) =>
      req.scope
        .resolve(ContainerRegistrationKeys.LOGGER)
        .warn(`[customer-backoffice] joining accounts after an email verification failed: ${(e as Error).message}`)
    )
  })
  next()
}

export const verificationMiddlewares: MiddlewareRoute[] = [
  { matcher: "/auth/verification/confirm", method: ["POST"], middlewares: [joinAfterConfirm] },
]
