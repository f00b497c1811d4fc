import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { recordTimelineStep } from "../../timeline"
import { sendReceiptStep, type SendReceiptStepInput } from "../steps/send-receipt"

export type SendCustomerReceiptInput = SendReceiptStepInput & { actor_id: string | null }

/** Sends an order's receipt to the customer (or another address) and notes it on the timeline. */
export const sendCustomerReceiptWorkflow = createWorkflow(
  "cbo-send-customer-receipt",
  (input: SendCustomerReceiptInput) => {
    const entry = transform({ input }, ({ input }) => ({
      customer_id: input.customer_id,
      kind: "receipt.sent",
      summary: `Receipt of order #${input.data.receipt.display_id} sent to ${input.to}`,
      data: { order_id: input.order_id, to: input.to },
      actor_type: input.actor_id ? "user" : "system",
      actor_id: input.actor_id,
    }))
    recordTimelineStep(entry)
    const sent = sendReceiptStep(input)
    return new WorkflowResponse(sent)
  }
)
