import { defineLink } from "@medusajs/framework/utils"
import CustomerModule from "@medusajs/medusa/customer"
import CustomerEngagementModule from "../modules/customer-engagement"

/** customer_consent → customer (read-only, by `customer_consent.customer_id`). */
export default defineLink(
  {
    linkable: CustomerEngagementModule.linkable.customerConsent,
    field: "customer_id",
  },
  CustomerModule.linkable.customer,
  { readOnly: true }
)
