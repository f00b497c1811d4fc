import { defineLink } from "@medusajs/framework/utils"
import CustomerModule from "@medusajs/medusa/customer"
import HouseAccountsModule from "../modules/house-accounts"

/**
 * house_account_customer.customer_id → core customer. Read-only: the column is
 * the single source of truth (no link table to keep in sync), and
 * `query.graph({ entity: "house_account_customer", fields: ["customer.*"] })` works.
 */
export default defineLink(
  {
    linkable: HouseAccountsModule.linkable.houseAccountCustomer,
    field: "customer_id",
  },
  CustomerModule.linkable.customer,
  { readOnly: true }
)
