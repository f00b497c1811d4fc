import {
  type MedusaNextFunction,
  type MedusaRequest,
  type MedusaResponse,
  type MiddlewareRoute,
} from "@medusajs/framework/http"
import { Modules } from "@medusajs/framework/utils"
import { validateEmail } from "../../../../lib/validation/email"
import { validatePhone } from "../../../../lib/validation/phone"
import { phoneCountries } from "../../../../lib/validation/phone-country"
import { customerWriteContext, type CustomerWriteContext } from "../../../../lib/request-context"
import { sendInvalid, type FieldError } from "../../../utils/validation"
import { recordsService } from "./helpers"

type Kind = "admin-create" | "admin-update" | "store-create" | "store-update"

/**
 * The plugin's email and phone rules on Medusa's own customer write routes:
 * email format (and presence on admin create when `emailRequired`), phone
 * validated and stored as E.164. The phone as typed and whether the email
 * changed reach the core workflow hooks through `additional_data` (admin
 * routes) and a request-scoped context (all routes).
 */
function coreCustomerWrite(kind: Kind) {
  return async (req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) => {
    const options = recordsService(req).options
    const body = (req.body ?? {}) as Record<string, unknown>
    const validated = (req as unknown as { validatedBody?: Record<string, unknown> }).validatedBody
    const errors: FieldError[] = []
    const ctx: CustomerWriteContext = {
      origin: kind.startsWith("admin") ? "admin" : "storefront",
    }
    const set = (key: string, value: unknown) => {
      body[key] = value
      if (validated) validated[key] = value
    }

    if ("email" in body || kind === "admin-create") {
      const r = validateEmail(body.email, {
        required: options.emailRequired && kind.startsWith("admin"),
      })
      if (!r.ok) errors.push({ field: "email", message: r.message })
      else if ("email" in body) set("email", r.value)
    }
    if ("phone" in body) {
      const r = validatePhone(body.phone, await phoneCountries(req.scope, options.defaultCountry))
      if (!r.ok) errors.push({ field: "phone", message: r.message })
      else {
        set("phone", r.value)
        ctx.phone_original = r.original
      }
    }
    if (errors.length) return sendInvalid(res, errors)

    if (kind === "admin-update" && typeof body.email === "string") {
      const customers = req.scope.resolve(Modules.CUSTOMER)
      const [current] = await customers.listCustomers(
        { id: req.params.id },
        { select: ["id", "email"] }
      )
      if (current && (current.email ?? "").toLowerCase() !== body.email.toLowerCase()) {
        ctx.email_changed = true
      }
    }
    if (kind.startsWith("admin")) {
      const additional = {
        ...((body.additional_data as Record<string, unknown> | undefined) ?? {}),
        ...(ctx.phone_original !== undefined ? { phone_original: ctx.phone_original } : {}),
        ...(ctx.email_changed ? { email_changed: true } : {}),
      }
      if (Object.keys(additional).length) set("additional_data", additional)
    }
    customerWriteContext.run(ctx, () => next())
  }
}

export const coreCustomerWriteMiddlewares: MiddlewareRoute[] = [
  { matcher: "/admin/customers", method: ["POST"], middlewares: [coreCustomerWrite("admin-create")] },
  { matcher: "/admin/customers/:id", method: ["POST"], middlewares: [coreCustomerWrite("admin-update")] },
  { matcher: "/store/customers", method: ["POST"], middlewares: [coreCustomerWrite("store-create")] },
  { matcher: "/store/customers/me", method: ["POST"], middlewares: [coreCustomerWrite("store-update")] },
]
