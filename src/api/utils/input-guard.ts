import type {
  MedusaNextFunction,
  MedusaRequest,
  MedusaResponse,
  MiddlewareRoute,
} from "@medusajs/framework/http"
import { findTextProblem } from "../../lib/validation/input"
import { sendInvalid } from "./validation"

/**
 * Answers 400 naming the field when `input` holds a string the input rules
 * refuse (src/lib/validation/input.ts); returns true when it did.
 */
export function refuseBadText(res: MedusaResponse, input: unknown, path: string[] = []): boolean {
  const problem = findTextProblem(input, path)
  if (!problem) return false
  sendInvalid(res, [problem])
  return true
}

function pathSegments(url: string): string[] | null {
  const pathname = url.split("?")[0]
  try {
    return pathname.split("/").map((s) => decodeURIComponent(s))
  } catch {
    return null
  }
}

/**
 * Every request under the plugin's routes and Medusa's customer routes it
 * extends: path segments, query string and JSON body are checked before any
 * validator or handler runs, so no route can forget it. Multipart routes
 * (no body parser) check their fields with `refuseBadText` once parsed.
 */
export function inputGuard(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const segments = pathSegments(req.originalUrl ?? req.url)
  if (!segments) return sendInvalid(res, [{ field: "(path)", message: "is not a valid URL path" }])
  const bad = segments.map((s) => findTextProblem(s)).find(Boolean)
  if (bad) return sendInvalid(res, [{ field: "(path)", message: bad.message }])
  if (refuseBadText(res, req.query)) return
  if (refuseBadText(res, req.body)) return
  next()
}

/** Registered once in src/api/middlewares.ts (no method: every verb, every route below the prefix). */
export const inputGuardMiddlewares: MiddlewareRoute[] = [
  "/admin/backoffice",
  "/store/backoffice",
  "/admin/customers",
  "/store/customers",
  "/admin/customer-groups",
].map((matcher) => ({ matcher, middlewares: [inputGuard] }))
