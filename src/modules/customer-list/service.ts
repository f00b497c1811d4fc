import { MedusaService } from "@medusajs/framework/utils"
import CustomerRemoval from "./models/customer-removal"

/**
 * Removal records of the customer list. The list itself is a SQL query over
 * Medusa's core tables (see src/lib/customer-list).
 */
class CustomerListModuleService extends MedusaService({ CustomerRemoval }) {}

export default CustomerListModuleService
