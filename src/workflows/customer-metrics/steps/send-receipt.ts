import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { Receipt } from "../../../types/customer-metrics"

export const RECEIPT_TEMPLATE = "customer-backoffice-receipt"
export const RECEIPT_TRIGGER = "customer_backoffice.receipt.requested"

/**
 * Template data of the receipt notification (`template: "customer-backoffice-receipt"`).
 * Amounts are integers in minor units of `receipt.currency_code`.
 */
export type ReceiptTemplateData = {
  receipt: Receipt
  customer: { id: string; first_name: string | null; last_name: string | null; email: string | null }
  /** Where it was sent (the customer's address or another one typed by the admin). */
  to: string
  /** "12.50 EUR"-style strings for templates that do not format money. */
  formatted: { total: string; net_total: string; paid_total: string; refunded_total: string }
}

export type SendReceiptStepInput = {
  to: string
  channel: string
  order_id: string
  customer_id: string
  data: ReceiptTemplateData
}

/**
 * Sends the receipt through Medusa's Notification module. A sent message
 * cannot be taken back, so this is the workflow's last step and has no
 * compensation; the idempotency key is unique per request.
 */
export const sendReceiptStep = createStep(
  "cbo-send-receipt",
  async (input: SendReceiptStepInput, { container }) => {
    const notifications = container.resolve(Modules.NOTIFICATION)
    const [sent] = await notifications.createNotifications([
      {
        to: input.to,
        channel: input.channel,
        template: RECEIPT_TEMPLATE,
        trigger_type: RECEIPT_TRIGGER,
        resource_id: input.order_id,
        resource_type: "order",
        receiver_id: input.customer_id,
        data: input.data as unknown as Record<string, unknown>,
      },
    ])
    return new StepResponse({ id: sent?.id ?? null })
  }
)
