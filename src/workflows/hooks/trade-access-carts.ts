import {
  addToCartWorkflow,
  createCartWorkflow,
  transferCartCustomerWorkflow,
} from "@medusajs/medusa/core-flows"
import { MedusaError } from "@medusajs/framework/utils"
import { TRADE_ACCOUNTS_MODULE } from "../../modules/trade-accounts"
import type TradeAccountsModuleService from "../../modules/trade-accounts/service"

type Container = { resolve: (key: string) => unknown }

/**
 * Refuses a cart for a customer whose account is inactive or awaiting trade
 * approval, whatever route or script started the workflow. Medusa allows one
 * handler per hook: completeCartWorkflow's `validate` is registered in
 * complete-cart-points.ts, which calls this first.
 */
export async function refuseInactiveCustomerCart(
  container: Container,
  customerId: string | null | undefined
) {
  if (!customerId) return
  const svc = container.resolve(TRADE_ACCOUNTS_MODULE) as TradeAccountsModuleService
  const refusal = await svc.accessRefusal(customerId)
  if (refusal) throw new MedusaError(MedusaError.Types.NOT_ALLOWED, refusal.message)
}

createCartWorkflow.hooks.validate(async ({ input }, { container }) => {
  await refuseInactiveCustomerCart(container, (input as { customer_id?: string }).customer_id)
})

addToCartWorkflow.hooks.validate(async ({ cart }, { container }) => {
  const c = cart as { customer_id?: string; customer?: { id?: string } }
  await refuseInactiveCustomerCart(container, c?.customer?.id ?? c?.customer_id)
})

transferCartCustomerWorkflow.hooks.validate(async ({ input }, { container }) => {
  await refuseInactiveCustomerCart(container, (input as { customer_id?: string }).customer_id)
})
