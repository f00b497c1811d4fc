import { MedusaService } from "@medusajs/framework/utils"
import CustomerRemoval from "./models/customer-removal"
import CustomerSales from "./models/customer-sales"

/**
 * Removal records and the kept-fresh order columns (customer_sales) of the
 * customer list. The list itself is a SQL query over Medusa's core tables
 * (see src/lib/customer-list).
 */
class CustomerListModuleService extends MedusaService({ CustomerRemoval, CustomerSales }) {}

export default CustomerListModuleService
