import crypto from "node:crypto"
import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { markEmailBouncedWorkflow } from "../../../../workflows/customer-records/workflows"
import { recordsService } from "../../../admin/backoffice/customers/helpers"
import { EmailBounceBody } from "../../../admin/backoffice/customers/validators"
import { fieldErrors, sendInvalid } from "../../../utils/validation"
import { refuseBadText } from "../../../utils/input-guard"

export const SIGNATURE_HEADER = "x-backoffice-signature"

export function signBody(secret: string, raw: Buffer | string) {
  return crypto.createHmac("sha256", secret).update(raw).digest("hex")
}

/**
 * POST /hooks/backoffice/email-bounce — for notification providers.
 * Authenticated by `x-backoffice-signature`: hex HMAC-SHA256 of the raw body
 * with the plugin option `webhookSecret`. Off (404) without that option.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const secret = recordsService(req).options.webhookSecret
  if (!secret) {
    return res.status(404).json({ type: "not_found", message: "The email-bounce webhook is not enabled" })
  }
  const raw = (req as unknown as { rawBody?: Buffer }).rawBody
  const given = String(req.headers[SIGNATURE_HEADER] ?? "").trim().toLowerCase()
  const expected = signBody(secret, raw ?? Buffer.alloc(0))
  const ok =
    !!raw &&
    /^[0-9a-f]{64}$/.test(given) &&
    crypto.timingSafeEqual(Buffer.from(given, "hex"), Buffer.from(expected, "hex"))
  if (!ok) {
    return res.status(401).json({
      type: "unauthorized",
      message: `Missing or wrong ${SIGNATURE_HEADER} (hex HMAC-SHA256 of the raw body)`,
    })
  }
  if (refuseBadText(res, req.body)) return
  const parsed = EmailBounceBody.safeParse(req.body ?? {})
  if (!parsed.success) return sendInvalid(res, fieldErrors(parsed.error))
  const { result } = await markEmailBouncedWorkflow(req.scope).run({
    input: {
      email: parsed.data.email,
      attempted_at: (parsed.data.attempted_at ?? new Date()).toISOString(),
    },
  })
  res.json({ email: parsed.data.email, count: result.customer_ids.length })
}
