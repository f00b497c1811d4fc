import type {
  MedusaNextFunction,
  MedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import type { z } from "@medusajs/framework/zod"

export type FieldError = { field: string; message: string }

export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    field: issue.path.map(String).join(".") || "(body)",
    message: issue.message,
  }))
}

export function sendInvalid(res: MedusaResponse, errors: FieldError[]) {
  res.status(400).json({
    type: "invalid_data",
    message: errors.map((e) => `${e.field}: ${e.message}`).join("; "),
    errors,
  })
}

/** Validates `req.body`; on failure answers 400 with one message per field. */
export function validateBody(schema: z.ZodType) {
  return (req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) => {
    const parsed = schema.safeParse(req.body ?? {})
    if (!parsed.success) {
      return sendInvalid(res, fieldErrors(parsed.error))
    }
    ;(req as MedusaRequest & { validatedBody: unknown }).validatedBody =
      parsed.data
    next()
  }
}

/** Validates the query string into `req.validatedQuery`. */
export function validateQuery(schema: z.ZodType) {
  return (req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) => {
    const parsed = schema.safeParse(req.query ?? {})
    if (!parsed.success) {
      return sendInvalid(res, fieldErrors(parsed.error))
    }
    ;(req as MedusaRequest & { validatedQuery: unknown }).validatedQuery =
      parsed.data as Record<string, unknown>
    next()
  }
}
