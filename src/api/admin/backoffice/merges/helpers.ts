import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { MergeRefused } from "../../../../lib/customer-merge"
import { CUSTOMER_DUPLICATES_MODULE } from "../../../../modules/customer-duplicates"
import type CustomerDuplicatesModuleService from "../../../../modules/customer-duplicates/service"
import type { MergeRecord } from "../../../../types/customer-merge"

export const pgOf = (req: MedusaRequest): Knex => req.scope.resolve(ContainerRegistrationKeys.PG_CONNECTION)
export const mergesOf = (req: MedusaRequest): CustomerDuplicatesModuleService =>
  req.scope.resolve(CUSTOMER_DUPLICATES_MODULE)

export function actorId(req: MedusaRequest): string | null {
  return (req as MedusaRequest & { auth_context?: { actor_id?: string } }).auth_context?.actor_id ?? null
}

/** Answers a refused merge (400/404/409 with the reasons); false when `e` is something else. */
export function answerRefusal(res: MedusaResponse, e: unknown): boolean {
  if (!(e instanceof MergeRefused)) return false
  const type = e.status === 409 ? "conflict" : e.status === 404 ? "not_found" : "invalid_data"
  res.status(e.status).json({ type, message: e.message, reasons: e.reasons })
  return true
}

/** A workflow refusal (MedusaError not_allowed / not_found) as a clear 4xx instead of a 500. */
export function answerWorkflowError(res: MedusaResponse, e: unknown): boolean {
  const err = e as { type?: string; message?: string }
  if (err?.type === "not_allowed") {
    res.status(409).json({ type: "conflict", message: err.message })
    return true
  }
  if (err?.type === "not_found") {
    res.status(404).json({ type: "not_found", message: err.message })
    return true
  }
  return false
}

export function serializeMerge(r: Record<string, any>): MergeRecord {
  const undoUntil = new Date(r.undo_until)
  return {
    id: r.id,
    primary_id: r.primary_id,
    secondary_ids: (r.secondary_ids ?? []) as string[],
    status: r.status,
    fields: r.fields ?? null,
    summary: r.summary ?? null,
    merged_by: r.merged_by ?? null,
    source: r.source ?? "staff",
    created_at: new Date(r.created_at).toISOString(),
    undo_until: undoUntil.toISOString(),
    undone_at: r.undone_at ? new Date(r.undone_at).toISOString() : null,
    can_undo: r.status === "completed" && undoUntil.getTime() > Date.now(),
  }
}
