import { MedusaService } from "@medusajs/framework/utils"
import CategoryDetail from "./models/category-detail"

/** Category details (description) of core customer groups. */
class CustomerCategoriesModuleService extends MedusaService({ CategoryDetail }) {}

export default CustomerCategoriesModuleService
