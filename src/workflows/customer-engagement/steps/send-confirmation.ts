import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export const SUBSCRIPTION_CONFIRM_TEMPLATE = "customer-backoffice-subscription-confirm"

export type SendConfirmationInput = {
  to: string
  channel: string
  customer_id: string
  tokens: { customer_group_id: string; token: string; expires_at: string }[]
  group_names: Record<string, string>
}

/**
 * Sends the double opt-in confirmation through Medusa's Notification module.
 * The template receives the token; the storefront's confirmation page posts
 * it to /store/backoffice/subscriptions/confirm.
 */
export const sendSubscriptionConfirmationStep = createStep(
  "cbo-send-subscription-confirmation",
  async (input: SendConfirmationInput, { container }) => {
    if (!input.tokens.length) return new StepResponse([])
    const notifications = container.resolve(Modules.NOTIFICATION)
    const sent = await notifications.createNotifications(
      input.tokens.map((t) => ({
        to: input.to,
        channel: input.channel,
        template: SUBSCRIPTION_CONFIRM_TEMPLATE,
        trigger_type: "customer_backoffice.subscription.requested",
        resource_id: input.customer_id,
        resource_type: "customer",
        receiver_id: input.customer_id,
        data: {
          token: t.token,
          customer_group_id: t.customer_group_id,
          category_name: input.group_names[t.customer_group_id] ?? null,
          expires_at: t.expires_at,
        },
      }))
    )
    return new StepResponse(sent.map((n) => n.id))
  }
)
