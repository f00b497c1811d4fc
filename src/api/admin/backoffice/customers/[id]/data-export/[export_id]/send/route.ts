import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { actorId, body, engagementService } from "../../../../../../../utils/engagement"
import { customerJobs, customerRow } from "../../../../gdpr-helpers"
import { sendDataExportWorkflow } from "../../../../../../../../workflows/gdpr"
import { DATA_EXPORT_JOB, type DataExportResult } from "../../../../../../../../types/gdpr"
import type { SendDataExportBodyType } from "../../../../gdpr-validators"

/**
 * POST /admin/backoffice/customers/:id/data-export/:export_id/send { email? }
 * E-mails the export's ZIP to `email`, else to the customer's address, through
 * the Notification module; recorded on the timeline. 404 for another
 * customer's or an unfinished export.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const customer = await customerRow(req)
  const [job] = await customerJobs(req, DATA_EXPORT_JOB, customer.id, req.params.export_id)
  if (!job) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Data export ${req.params.export_id} was not found`)
  const result = job.result as (DataExportResult & { file_id: string | null }) | null
  if (job.status !== "completed" || !result?.file_id) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Data export ${job.id} has no file (status: ${job.status})`)
  }
  const to = body<SendDataExportBodyType>(req).email ?? customer.email
  if (!to) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "email: the customer has no email address; give one")
  }
  const { result: sent } = await sendDataExportWorkflow(req.scope).run({
    input: {
      to,
      channel: engagementService(req).options.confirmationChannel,
      customer_id: customer.id,
      export_id: job.id,
      file_id: result.file_id,
      actor_id: actorId(req),
      data: {
        customer: { id: customer.id, email: customer.email },
        export_id: job.id,
        created_at: new Date(job.finished_at ?? job.created_at).toISOString(),
        file_name: result.file_name,
        rows: result.rows ?? null,
        to,
      },
    },
  })
  res.json({ notification_id: sent.id, to, export_id: job.id })
}
