import { Module } from "@medusajs/framework/utils"
import CustomerTimelineModuleService from "./service"

export const CUSTOMER_TIMELINE_MODULE = "customer_timeline"

export default Module(CUSTOMER_TIMELINE_MODULE, {
  service: CustomerTimelineModuleService,
})

export { CustomerTimelineModuleService }
export * from "./types"
