import { ModuleProvider, Modules } from "@medusajs/framework/utils"
import HouseAccountProviderService from "./service"

/**
 * Pay on account at checkout. Register it under the payment module in
 * medusa-config.ts:
 *   { resolve: "medusa-customer-backoffice/providers/house-account", id: "house-account" }
 * (provider id `pp_house-account_house-account`) and enable it per region.
 */
export default ModuleProvider(Modules.PAYMENT, {
  services: [HouseAccountProviderService],
})

export { HouseAccountProviderService }
