import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { recordTimelineStep } from "../../timeline"
import { sendDataExportStep, type SendDataExportStepInput } from "../steps/send-data-export"

export type SendDataExportInput = SendDataExportStepInput & { actor_id: string | null }

/** E-mails a subject-access export to the customer (or another address) and notes it on the timeline. */
export const sendDataExportWorkflow = createWorkflow("cbo-send-data-export", (input: SendDataExportInput) => {
  const entry = transform({ input }, ({ input }) => ({
    customer_id: input.customer_id,
    kind: "data_export.sent",
    summary: `Customer data export sent by e-mail`,
    data: { export_id: input.export_id },
    actor_type: input.actor_id ? "user" : "system",
    actor_id: input.actor_id,
  }))
  recordTimelineStep(entry)
  const sent = sendDataExportStep(input)
  return new WorkflowResponse(sent)
})
