import { Module } from "@medusajs/framework/utils"
import HouseAccountsModuleService from "./service"

export const HOUSE_ACCOUNTS_MODULE = "house_accounts"

export default Module(HOUSE_ACCOUNTS_MODULE, {
  service: HouseAccountsModuleService,
})

export { HouseAccountsModuleService }
export { LimitError, normalizeAccountNumber, ACCOUNT_NUMBER_PATTERN } from "./service"
export type {
  CreateAccountInput,
  UpdateAccountInput,
  PostEntryInput,
  PostEntryResult,
  AccountFilters,
  EntryFilters,
} from "./service"
export * from "./models/house-account"
export * from "./models/house-account-entry"
export { formatMinor, minorDigits } from "./money"
