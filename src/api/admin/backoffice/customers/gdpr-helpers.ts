import type { MedusaRequest } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"

export function pg(req: MedusaRequest): Knex {
  return req.scope.resolve(ContainerRegistrationKeys.PG_CONNECTION)
}

export type GdprJobRow = {
  id: string
  type: string
  status: string
  progress: number
  message: string | null
  error: string | null
  result: Record<string, any> | null
  checkpoint: Record<string, any> | null
  created_by: string | null
  created_at: Date
  finished_at: Date | null
}

/** The customer row, also once forgotten (anonymised rows stay); 404 when there is none. */
export async function customerRow(req: MedusaRequest, id = req.params.id) {
  const { rows } = await pg(req).raw(`SELECT id, email FROM customer WHERE id = ? AND deleted_at IS NULL`, [id])
  if (!rows.length) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Customer ${id} was not found`)
  return rows[0] as { id: string; email: string | null }
}

/** The customer's jobs of a type, newest first (payloads hold the customer id only). */
export async function customerJobs(req: MedusaRequest, type: string, customerId: string, id?: string) {
  const { rows } = await pg(req).raw(
    `SELECT id, type, status, progress, message, error, result, checkpoint, created_by, created_at, finished_at
       FROM backoffice_job
      WHERE type = ? AND payload->>'customer_id' = ? AND deleted_at IS NULL ${id ? "AND id = ?" : ""}
      ORDER BY created_at DESC LIMIT 20`,
    id ? [type, customerId, id] : [type, customerId]
  )
  return rows as GdprJobRow[]
}

/** What the API shows of a job (never the checkpoint). */
export function jobView(j: GdprJobRow) {
  return {
    id: j.id,
    type: j.type,
    status: j.status,
    progress: j.progress,
    message: j.message,
    error: j.error,
    created_by: j.created_by,
    created_at: new Date(j.created_at).toISOString(),
    finished_at: j.finished_at ? new Date(j.finished_at).toISOString() : null,
  }
}
