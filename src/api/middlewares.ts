import { defineMiddlewares } from "@medusajs/framework/http"
import { backofficeJobsMiddlewares } from "./admin/backoffice/jobs/middlewares"
import { customerEngagementMiddlewares } from "./admin/backoffice/customers/engagement-middlewares"

export default defineMiddlewares({
  routes: [...backofficeJobsMiddlewares, ...customerEngagementMiddlewares],
})
