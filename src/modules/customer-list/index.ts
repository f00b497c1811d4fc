import { Module } from "@medusajs/framework/utils"
import CustomerListModuleService from "./service"

export const CUSTOMER_LIST_MODULE = "customer_list"

export default Module(CUSTOMER_LIST_MODULE, {
  service: CustomerListModuleService,
})

export { CustomerListModuleService }
