import { MedusaService } from "@medusajs/framework/utils"
import TradeAccount from "./models/trade-account"
import TradeApplication from "./models/trade-application"
import { parsePluginOptions, type PluginOptions } from "../../lib/options"

export type AccessRefusal = { reason: "pending" | "inactive"; message: string }

export const PENDING_MESSAGE =
  "Your trade account is awaiting approval: you can sign in and order once the store has approved it"
export const INACTIVE_MESSAGE =
  "This account is inactive: please contact the store"

/**
 * Trade accounts: each customer's account terms and the trade applications.
 * Plain data service; the rules live in the workflows.
 */
class TradeAccountsModuleService extends MedusaService({
  TradeAccount,
  TradeApplication,
}) {
  readonly options: PluginOptions

  constructor(deps: Record<string, unknown>, moduleOptions: Record<string, unknown>) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.options = parsePluginOptions(moduleOptions)
  }

  /** Why this customer may not sign in, use its account or order; null when it may. */
  async accessRefusal(customerId: string): Promise<AccessRefusal | null> {
    const [account] = await this.listTradeAccounts(
      { customer_id: customerId },
      { select: ["id", "active"], take: 1 }
    )
    if (!account || account.active) return null
    const pending = await this.listTradeApplications(
      { customer_id: customerId, status: "pending" },
      { select: ["id"], take: 1 }
    )
    return pending.length
      ? { reason: "pending", message: PENDING_MESSAGE }
      : { reason: "inactive", message: INACTIVE_MESSAGE }
  }
}

export default TradeAccountsModuleService
