import { defineMiddlewares } from "@medusajs/framework/http"
import { backofficeJobsMiddlewares } from "./admin/backoffice/jobs/middlewares"
import { customerRecordsMiddlewares } from "./admin/backoffice/customers/middlewares"
import { backofficeCustomerListMiddlewares } from "./admin/backoffice/customers/list-middlewares"
import { customerCategoriesMiddlewares } from "./admin/backoffice/categories/middlewares"
import { customerEngagementMiddlewares } from "./admin/backoffice/customers/engagement-middlewares"
import { customerExportsMiddlewares } from "./admin/backoffice/customer-exports/middlewares"
import { customerImportMiddlewares } from "./admin/backoffice/customer-imports/middlewares"
import { duplicatesMiddlewares } from "./admin/backoffice/duplicates/middlewares"
import { loyaltyMiddlewares } from "./admin/backoffice/loyalty/middlewares"
import { cartRedemptionMiddlewares } from "./store/backoffice/loyalty/cart-redemption/middlewares"

export default defineMiddlewares({
  routes: [
    ...backofficeJobsMiddlewares,
    ...customerRecordsMiddlewares,
    ...backofficeCustomerListMiddlewares,
    ...customerCategoriesMiddlewares,
    ...customerEngagementMiddlewares,
    ...customerExportsMiddlewares,
    ...customerImportMiddlewares,
    ...loyaltyMiddlewares,
    ...duplicatesMiddlewares,
    ...cartRedemptionMiddlewares,
  ],
})
