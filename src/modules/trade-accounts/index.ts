import { Module } from "@medusajs/framework/utils"
import TradeAccountsModuleService from "./service"

export const TRADE_ACCOUNTS_MODULE = "trade_accounts"

export default Module(TRADE_ACCOUNTS_MODULE, {
  service: TradeAccountsModuleService,
})

export { TradeAccountsModuleService }
export * from "./models/trade-account"
export * from "./models/trade-application"
export { PENDING_MESSAGE, INACTIVE_MESSAGE, type AccessRefusal } from "./service"
