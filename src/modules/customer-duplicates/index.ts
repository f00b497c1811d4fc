import { Module } from "@medusajs/framework/utils"
import CustomerDuplicatesModuleService from "./service"

export const CUSTOMER_DUPLICATES_MODULE = "customer_duplicates"

export default Module(CUSTOMER_DUPLICATES_MODULE, {
  service: CustomerDuplicatesModuleService,
})

export { CustomerDuplicatesModuleService }
