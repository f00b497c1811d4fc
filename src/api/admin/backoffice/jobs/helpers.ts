import type {
  MedusaNextFunction,
  MedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { randomUUID } from "crypto"
import { enqueueBackofficeJobWorkflow } from "../../../../workflows/backoffice-jobs/workflows"
import { actorId } from "../../../utils/engagement"
import { BACKOFFICE_JOBS_MODULE } from "../../../../modules/backoffice-jobs"
import type BackofficeJobsModuleService from "../../../../modules/backoffice-jobs/service"

export function jobsService(req: MedusaRequest): BackofficeJobsModuleService {
  return req.scope.resolve(BACKOFFICE_JOBS_MODULE)
}

export function sendUnavailable(res: MedusaResponse, message: string) {
  res.status(503).json({ type: "unavailable", message })
}

/** Job endpoints answer 503, saying what to configure, while Redis is unreachable. */
export async function requireJobsRuntime(
  req: MedusaRequest,
  res: MedusaResponse,
  next: MedusaNextFunction
) {
  const jobs = jobsService(req)
  try {
    await jobs.runtime.assertAvailable()
  } catch (e) {
    return sendUnavailable(res, (e as Error).message)
  }
  next()
}

/** Maps runtime errors (raised inside workflows) to HTTP answers. */
export function toHttpError(e: unknown): unknown {
  const err = e as Error & { notFound?: boolean; notAllowed?: boolean }
  const message = err?.message ?? String(e)
  if (err?.notFound || /was not found/.test(message)) {
    return new MedusaError(MedusaError.Types.NOT_FOUND, message)
  }
  if (err?.notAllowed || /can be retried/.test(message)) {
    return new MedusaError(MedusaError.Types.NOT_ALLOWED, message)
  }
  return e
}

export function isUnavailable(e: unknown) {
  const err = e as Error
  return (
    err?.name === "JobsUnavailableError" ||
    /^Background jobs are unavailable|^Redis did not answer|^Could not enqueue/.test(
      err?.message ?? ""
    )
  )
}

export const JOB_FIELDS = [
  "id",
  "type",
  "queue",
  "key",
  "status",
  "progress",
  "counts",
  "message",
  "payload",
  "result",
  "error",
  "attempts",
  "max_attempts",
  "run",
  "worker",
  "created_by",
  "cancel_requested_at",
  "started_at",
  "finished_at",
  "created_at",
  "updated_at",
] as const

/**
 * A route that runs a scheduled job now, as a background job: 202 { job }
 * (503 while the job runtime is unavailable). Each call is a new job.
 */
export function runJobNowRoute(type: string) {
  return async (req: MedusaRequest, res: MedusaResponse) => {
    try {
      const { result } = await enqueueBackofficeJobWorkflow(req.scope).run({
        input: {
          type,
          key: `${type}:admin:${randomUUID()}`,
          payload: { trigger: "admin" },
          created_by: actorId(req),
        },
      })
      res.status(202).json({ job: result })
    } catch (e) {
      if (isUnavailable(e)) return sendUnavailable(res, (e as Error).message)
      throw e
    }
  }
}
