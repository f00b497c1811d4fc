import { defineLink } from "@medusajs/framework/utils"
import CustomerModule from "@medusajs/medusa/customer"
import CustomerCategoriesModule from "../modules/customer-categories"

/** A customer category is a core customer group plus its category_detail (1:1). */
export default defineLink(CustomerModule.linkable.customerGroup, {
  linkable: CustomerCategoriesModule.linkable.categoryDetail,
  deleteCascade: true,
})
