import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { Modules } from "@medusajs/framework/utils"
import { TRADE_ACCOUNTS_MODULE } from "../modules/trade-accounts"
import type TradeAccountsModuleService from "../modules/trade-accounts/service"
import { TRADE_EVENTS, type TradeEventData } from "../workflows/trade-accounts/events"

export const TRADE_TEMPLATES = {
  enquiry: "customer-backoffice-trade-application-received",
  submitted: "customer-backoffice-trade-application-submitted",
  approved: "customer-backoffice-trade-application-approved",
  rejected: "customer-backoffice-trade-application-rejected",
} as const

/**
 * Trade applications → notifications through Medusa's Notification module,
 * on the plugin's notification channel (`confirmationChannel`):
 * - applied: an enquiry to the store (`tradeNotificationTo`, or every admin
 *   user) and an acknowledgement to the applicant;
 * - approved / rejected (with the reason): the applicant.
 * The subscriber runs after the workflow committed; a failed send is retried
 * by the event bus and does not undo the decision.
 */
export default async function tradeAccountNotifications({
  event,
  container,
}: SubscriberArgs<TradeEventData>) {
  const data = event.data
  if (!data?.id) return
  const trade = container.resolve(TRADE_ACCOUNTS_MODULE) as TradeAccountsModuleService
  const [app] = await trade.listTradeApplications({ id: data.id })
  if (!app) return
  const notifications = container.resolve(Modules.NOTIFICATION)
  const channel = trade.options.confirmationChannel
  const common = {
    channel,
    resource_id: app.id,
    resource_type: "trade_application",
    trigger_type: event.name,
    idempotency_key: `${event.name}:${app.id}`,
  }
  const payload = {
    application_id: app.id,
    customer_id: app.customer_id,
    company_name: app.company_name,
    company_number: app.company_number,
    vat_number: app.vat_number,
    email: app.email,
    phone: app.phone,
    note: app.note,
    status: app.status,
    rejection_reason: app.rejection_reason,
  }
  const toApplicant = (template: string) => ({
    ...common,
    to: app.email,
    receiver_id: app.customer_id,
    template,
    data: payload,
  })

  if (event.name === TRADE_EVENTS.applied) {
    let staff: string[] = trade.options.tradeNotificationTo ? [trade.options.tradeNotificationTo] : []
    if (!staff.length) {
      const users = await container.resolve(Modules.USER).listUsers({}, { select: ["email"] })
      staff = users.map((u) => u.email).filter(Boolean)
    }
    await notifications.createNotifications([
      ...staff.map((to) => ({
        ...common,
        idempotency_key: `${event.name}:${app.id}:${to}`,
        to,
        template: TRADE_TEMPLATES.enquiry,
        data: payload,
      })),
      { ...toApplicant(TRADE_TEMPLATES.submitted), idempotency_key: `${event.name}:${app.id}:applicant` },
    ])
  } else if (event.name === TRADE_EVENTS.approved) {
    await notifications.createNotifications([toApplicant(TRADE_TEMPLATES.approved)])
  } else if (event.name === TRADE_EVENTS.rejected) {
    await notifications.createNotifications([toApplicant(TRADE_TEMPLATES.rejected)])
  }
}

export const config: SubscriberConfig = {
  event: [TRADE_EVENTS.applied, TRADE_EVENTS.approved, TRADE_EVENTS.rejected],
}
