import { defineMiddlewares } from "@medusajs/framework/http"
import { inputGuardMiddlewares } from "./utils/input-guard"
import { backofficeJobsMiddlewares } from "./admin/backoffice/jobs/middlewares"
import { customerRecordsMiddlewares } from "./admin/backoffice/customers/middlewares"
import { backofficeCustomerListMiddlewares } from "./admin/backoffice/customers/list-middlewares"
import { customerCategoriesMiddlewares } from "./admin/backoffice/categories/middlewares"
import { customerEngagementMiddlewares } from "./admin/backoffice/customers/engagement-middlewares"
import { customerExportsMiddlewares } from "./admin/backoffice/customer-exports/middlewares"
import { customerImportMiddlewares } from "./admin/backoffice/customer-imports/middlewares"
import { duplicatesMiddlewares } from "./admin/backoffice/duplicates/middlewares"
import { mergeMiddlewares } from "./admin/backoffice/merges/middlewares"
import { loyaltyMiddlewares } from "./admin/backoffice/loyalty/middlewares"
import { houseAccountsMiddlewares } from "./admin/backoffice/house-accounts/middlewares"
import { cartRedemptionMiddlewares } from "./store/backoffice/loyalty/cart-redemption/middlewares"
import { customerMetricsMiddlewares } from "./admin/backoffice/customers/metrics-middlewares"
import { tradeAccountsMiddlewares } from "./admin/backoffice/trade-applications/middlewares"
import { gdprMiddlewares } from "./admin/backoffice/customers/gdpr-middlewares"
import { invitationMiddlewares } from "./admin/backoffice/invitations/middlewares"
import { verificationMiddlewares } from "./store/backoffice/invitations/verification-middleware"

export default defineMiddlewares({
  routes: [
    // NUL, control and bidi characters refused on every route (src/lib/validation/input.ts)
    ...inputGuardMiddlewares,
    ...backofficeJobsMiddlewares,
    ...customerRecordsMiddlewares,
    ...backofficeCustomerListMiddlewares,
    ...customerCategoriesMiddlewares,
    ...customerEngagementMiddlewares,
    ...customerExportsMiddlewares,
    ...customerImportMiddlewares,
    ...loyaltyMiddlewares,
    ...duplicatesMiddlewares,
    ...mergeMiddlewares,
    ...cartRedemptionMiddlewares,
    ...houseAccountsMiddlewares,
    ...tradeAccountsMiddlewares,
    ...gdprMiddlewares,
    ...customerMetricsMiddlewares,
    ...invitationMiddlewares,
    ...verificationMiddlewares,
  ],
})
