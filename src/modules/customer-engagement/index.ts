import { Module } from "@medusajs/framework/utils"
import CustomerEngagementModuleService from "./service"

export const CUSTOMER_ENGAGEMENT_MODULE = "customer_engagement"

export default Module(CUSTOMER_ENGAGEMENT_MODULE, {
  service: CustomerEngagementModuleService,
})

export { CustomerEngagementModuleService }
export { NOTE_MAX_LENGTH } from "./models/customer-note"
export * from "./models/mailing-subscription"
export * from "./models/consent-event"
export * from "./models/customer-invitation"
