import { MedusaService } from "@medusajs/framework/utils"
import CustomerProfile from "./models/customer-profile"
import ReferralSource from "./models/referral-source"
import { parsePluginOptions, type PluginOptions } from "../../lib/options"

/**
 * Extended customer records: profiles (1:1 with core customers) and the
 * merchant's "How did you find us?" list. Plain data service; the rules
 * live in the workflows. `options` are the plugin's validated options
 * (default country, email rules, photo size, webhook secret).
 */
class CustomerRecordsModuleService extends MedusaService({
  CustomerProfile,
  ReferralSource,
}) {
  readonly options: PluginOptions

  constructor(deps: Record<string, unknown>, moduleOptions: Record<string, unknown>) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.options = parsePluginOptions(moduleOptions)
  }
}

export default CustomerRecordsModuleService
