import { Module } from "@medusajs/framework/utils"
import CustomerRecordsModuleService from "./service"

export const CUSTOMER_RECORDS_MODULE = "customer_records"

export default Module(CUSTOMER_RECORDS_MODULE, {
  service: CustomerRecordsModuleService,
})

export { CustomerRecordsModuleService }
export * from "./status"
