import { Module } from "@medusajs/framework/utils"
import CustomerPointsModuleService from "./service"

export const CUSTOMER_POINTS_MODULE = "customer_points"

export default Module(CUSTOMER_POINTS_MODULE, {
  service: CustomerPointsModuleService,
})

export { CustomerPointsModuleService }
export * from "./models/points-entry"
export * from "./points-math"
export type {
  AccountRow,
  EntryRow,
  CreditInput,
  DebitInput,
  ReverseInput,
  ExpireResult,
  ExpiredCustomer,
  LedgerWrite,
} from "./types"
export { EXPIRING_SOON_DAYS } from "./service"
