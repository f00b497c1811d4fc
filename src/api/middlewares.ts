import { defineMiddlewares } from "@medusajs/framework/http"
import { backofficeJobsMiddlewares } from "./admin/backoffice/jobs/middlewares"
import { backofficeCustomerListMiddlewares } from "./admin/backoffice/customers/middlewares"

export default defineMiddlewares({
  routes: [...backofficeJobsMiddlewares, ...backofficeCustomerListMiddlewares],
})
