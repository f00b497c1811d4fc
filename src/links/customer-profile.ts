import { defineLink } from "@medusajs/framework/utils"
import CustomerModule from "@medusajs/medusa/customer"
import CustomerRecordsModule from "../modules/customer-records"

/**
 * customer_profile.customer_id → core customer, 1:1. Read-only: the column
 * is the single source of truth (no link table to keep in sync), and
 * `query.graph({ entity: "customer_profile", fields: ["customer.*"] })` works.
 */
export default defineLink(
  {
    linkable: CustomerRecordsModule.linkable.customerProfile,
    field: "customer_id",
  },
  CustomerModule.linkable.customer,
  { readOnly: true }
)
