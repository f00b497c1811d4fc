import { defineMiddlewares } from "@medusajs/framework/http"
import { backofficeJobsMiddlewares } from "./admin/backoffice/jobs/middlewares"

export default defineMiddlewares({
  routes: [...backofficeJobsMiddlewares],
})
