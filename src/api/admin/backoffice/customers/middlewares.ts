import {
  authenticate,
  type MedusaNextFunction,
  type MedusaRequest,
  type MedusaResponse,
  type MiddlewareRoute,
} from "@medusajs/framework/http"
import type { z } from "@medusajs/framework/zod"
import { validateBody, validateQuery, fieldErrors, sendInvalid } from "../../../utils/validation"
import { AdminProfileBody, StoreProfileBody } from "../../../../lib/validation/profile"
import { recordsService } from "./helpers"
import { receivePhoto } from "./photo-upload"
import {
  AdminCreateCustomerBody,
  CreateReferralSourceBody,
  EmailBounceBody,
  ListReferralSourcesQuery,
  UpdateReferralSourceBody,
} from "./validators"
import { coreCustomerWriteMiddlewares } from "./core-customer-writes"
import { phoneCountries } from "../../../../lib/validation/phone-country"
import type { PhoneCountries } from "../../../../lib/validation/phone"
import { CBO_PERMISSIONS } from "../../../../lib/permissions"

/**
 * Validates with a schema built from the plugin options: the email rule and
 * the phone country (the option, else the store's default region).
 */
function validateWithOptions(build: (o: { defaultCountry: PhoneCountries; emailRequired: boolean }) => z.ZodType) {
  return async (req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) => {
    const options = recordsService(req).options
    const schema = build({
      defaultCountry: await phoneCountries(req.scope, options.defaultCountry),
      emailRequired: options.emailRequired,
    })
    const parsed = schema.safeParse(req.body ?? {})
    if (!parsed.success) return sendInvalid(res, fieldErrors(parsed.error))
    ;(req as MedusaRequest & { validatedBody: unknown }).validatedBody = parsed.data
    next()
  }
}

export const customerRecordsMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/backoffice/customers",
    method: ["POST"],
    middlewares: [validateWithOptions((o) => AdminCreateCustomerBody(o.defaultCountry, o.emailRequired))],
  },
  {
    matcher: "/admin/backoffice/customers/:id/profile",
    method: ["POST"],
    middlewares: [
      validateWithOptions((o) => AdminProfileBody(o.defaultCountry, o.emailRequired)),
    ],
  },
  {
    matcher: "/admin/backoffice/customers/:id/photo",
    method: ["POST"],
    bodyParser: false,
    middlewares: [receivePhoto],
  },
  {
    matcher: "/admin/backoffice/customers/email-bounces",
    method: ["POST"],
    middlewares: [validateBody(EmailBounceBody)],
  },
  {
    matcher: "/admin/backoffice/referral-sources",
    method: ["GET"],
    middlewares: [validateQuery(ListReferralSourcesQuery)],
  },
  {
    matcher: "/admin/backoffice/referral-sources",
    method: ["POST"],
    middlewares: [validateBody(CreateReferralSourceBody)],
  },
  {
    matcher: "/admin/backoffice/referral-sources/:id",
    method: ["POST"],
    middlewares: [validateBody(UpdateReferralSourceBody)],
  },
  {
    matcher: "/admin/backoffice/referral-sources/:id",
    method: ["DELETE"],
    policies: [CBO_PERMISSIONS.deleteReferralSource],
  },
  {
    matcher: "/store/backoffice/profile",
    method: ["GET", "POST"],
    middlewares: [authenticate("customer", ["session", "bearer"])],
  },
  {
    matcher: "/store/backoffice/profile/photo",
    method: ["GET"],
    middlewares: [authenticate("customer", ["session", "bearer"])],
  },
  {
    matcher: "/store/backoffice/profile",
    method: ["POST"],
    middlewares: [validateWithOptions((o) => StoreProfileBody(o.defaultCountry))],
  },
  {
    matcher: "/hooks/backoffice/email-bounce",
    method: ["POST"],
    bodyParser: { preserveRawBody: true },
    middlewares: [],
  },
  ...coreCustomerWriteMiddlewares,
]
