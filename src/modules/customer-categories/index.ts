import { Module } from "@medusajs/framework/utils"
import CustomerCategoriesModuleService from "./service"

export const CUSTOMER_CATEGORIES_MODULE = "customer_categories"

export default Module(CUSTOMER_CATEGORIES_MODULE, {
  service: CustomerCategoriesModuleService,
})

export { CustomerCategoriesModuleService }
