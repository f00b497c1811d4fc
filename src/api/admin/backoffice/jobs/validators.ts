import { z } from "@medusajs/framework/zod"
import { JOB_STATUSES } from "../../../../modules/backoffice-jobs/models/backoffice-job"

const csvOrArray = <T extends z.ZodTypeAny>(item: T) =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.split(",").filter(Boolean) : v),
    z.array(item)
  )

export const ListJobsQuery = z
  .object({
    type: csvOrArray(z.string().min(1).max(100)).optional(),
    status: csvOrArray(z.enum([...JOB_STATUSES])).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(20),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict()
export type ListJobsQueryType = z.infer<typeof ListJobsQuery>

export const RunDiagnosticBody = z
  .object({
    steps: z.number().int().min(1).max(1000).default(5),
    step_ms: z.number().int().min(0).max(60_000).default(200),
  })
  .strict()
export type RunDiagnosticBodyType = z.infer<typeof RunDiagnosticBody>
