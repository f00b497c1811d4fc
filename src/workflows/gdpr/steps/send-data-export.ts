import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { customerFiles } from "../../../lib/customer-files"
import {
  DATA_EXPORT_CONTENT_TYPE,
} from "../../../lib/gdpr/data-export"
import {
  DATA_EXPORT_SENT_TRIGGER,
  DATA_EXPORT_TEMPLATE,
  type DataExportTemplateData,
} from "../../../types/gdpr"

export type SendDataExportStepInput = {
  to: string
  channel: string
  customer_id: string
  export_id: string
  file_id: string
  data: DataExportTemplateData
}

/**
 * Sends the customer's data export (the ZIP as the one attachment) through
 * Medusa's Notification module. A sent message cannot be taken back, so this
 * is the workflow's last step and has no compensation.
 */
export const sendDataExportStep = createStep(
  "cbo-send-data-export",
  async (input: SendDataExportStepInput, { container }) => {
    const stream = await customerFiles(container).read(input.file_id)
    const chunks: Buffer[] = []
    for await (const c of stream) chunks.push(Buffer.from(c as Buffer))
    const [sent] = await container.resolve(Modules.NOTIFICATION).createNotifications([
      {
        to: input.to,
        channel: input.channel,
        template: DATA_EXPORT_TEMPLATE,
        trigger_type: DATA_EXPORT_SENT_TRIGGER,
        resource_id: input.export_id,
        resource_type: "customer_data_export",
        receiver_id: input.customer_id,
        data: input.data as unknown as Record<string, unknown>,
        attachments: [
          {
            content: Buffer.concat(chunks).toString("base64"),
            filename: input.data.file_name,
            content_type: DATA_EXPORT_CONTENT_TYPE,
          },
        ],
      },
    ])
    return new StepResponse({ id: sent?.id ?? null })
  }
)
