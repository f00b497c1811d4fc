import type { MedusaRequest } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"

export function pg(req: MedusaRequest): Knex {
  return req.scope.resolve(ContainerRegistrationKeys.PG_CONNECTION)
}

export function actorId(req: MedusaRequest): string | null {
  return (req as MedusaRequest & { auth_context?: { actor_id?: string } }).auth_context?.actor_id ?? null
}

export function validated<T>(req: MedusaRequest, key: "validatedQuery" | "validatedBody"): T {
  return (req as unknown as Record<string, T>)[key]
}
