import { defineLink } from "@medusajs/framework/utils"
import CustomerModule from "@medusajs/medusa/customer"
import CustomerEngagementModule from "../modules/customer-engagement"

/**
 * customer ↔ customer_consent, 1:1, read-only: the consent row holds
 * `customer_id`, so no link table is needed. `query.graph` can ask a customer
 * for `customer_consent.marketing_opt_out`.
 */
export default defineLink(
  { linkable: CustomerModule.linkable.customer, field: "id" },
  {
    ...CustomerEngagementModule.linkable.customerConsent.id,
    primaryKey: "customer_id",
  },
  { readOnly: true }
)
