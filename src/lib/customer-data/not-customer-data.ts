import type { NotCustomerData } from "../../types/customer-data"
import BackofficeJob from "../../modules/backoffice-jobs/models/backoffice-job"
import CategoryDetail from "../../modules/customer-categories/models/category-detail"
import ReferralSource from "../../modules/customer-records/models/referral-source"
import DuplicateScan from "../../modules/customer-duplicates/models/duplicate-scan"
import { tableOf } from "./links"

/**
 * Tables with a column that looks personal (metadata, an address, an email)
 * or plugin tables, that hold no customer's data — each group with the reason.
 * The completeness test accepts these; anything else must be declared.
 */
export const NOT_CUSTOMER_DATA: NotCustomerData[] = [
  {
    owner: "core:catalog",
    tables: [
      "product", "product_category", "product_collection", "product_option", "product_option_value",
      "product_tag", "product_type", "product_variant", "image", "price_list", "promotion",
      "inventory_item", "inventory_level", "sales_channel",
    ],
    because: "the catalog, prices and stock: metadata the merchant writes about products, not about a customer",
  },
  {
    owner: "core:configuration",
    tables: [
      "store", "region", "region_country", "tax_rate", "tax_rate_rule", "tax_region",
      "shipping_option", "shipping_profile", "service_zone", "geo_zone", "fulfillment_set",
      "stock_location", "stock_location_address", "return_reason", "refund_reason", "customer_group",
    ],
    because:
      "the store's configuration: regions, taxes, shipping zones, warehouses (stock_location_address is a warehouse's address), reasons, and customer groups (their names; membership is customer_group_customer)",
  },
  {
    owner: "core:user",
    tables: ["user", "invite"],
    because: "the merchant's staff (admin users and their invitations), not customers",
  },
  {
    owner: "core:cart+order",
    tables: [
      "cart_line_item_adjustment", "cart_line_item_tax_line", "cart_shipping_method_adjustment",
      "cart_shipping_method_tax_line", "order_line_item_tax_line", "order_shipping_method_tax_line",
      "credit_line", "order_credit_line", "reservation_item",
    ],
    because:
      "computed amounts (tax lines, promotion adjustments, credit lines) and stock reservations of a cart or order: provider metadata, no personal data; they stay with their cart or order",
  },
  {
    owner: "backoffice_jobs",
    tables: [tableOf(BackofficeJob)],
    because:
      "a job record carries ids, counts and list filters (the filter may include the search text an admin typed), never rows of customer data; an export's file lives in file storage and expires with the export retention",
  },
  {
    owner: "customer_categories",
    tables: [tableOf(CategoryDetail)],
    because: "a category's description, written by the merchant",
  },
  {
    owner: "customer_records",
    tables: [tableOf(ReferralSource)],
    because: "the merchant's list of \"How did you find us?\" choices; a customer's choice is customer_profile.referral_source_id",
  },
  {
    owner: "customer_duplicates",
    tables: [tableOf(DuplicateScan)],
    because: "one row per duplicate scan: its job, mode, times and counts",
  },
]
