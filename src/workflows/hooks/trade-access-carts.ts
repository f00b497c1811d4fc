import {
  addToCartWorkflow,
  createCartWorkflow,
  transferCartCustomerWorkflow,
  updateCartWorkflow,
} from "@medusajs/medusa/core-flows"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { TRADE_ACCOUNTS_MODULE } from "../../modules/trade-accounts"
import type TradeAccountsModuleService from "../../modules/trade-accounts/service"

type Container = { resolve: (key: string) => unknown }

/**
 * Told to whoever types the email of a blocked account into a guest cart:
 * it does not say whether the account awaits approval or was deactivated
 * (that is only told to the account's owner, after signing in).
 */
export const BLOCKED_EMAIL_MESSAGE =
  "Orders with this email address are on hold: its account is awaiting approval or inactive. Please contact the store."

/**
 * Refuses a cart for a customer whose account is inactive or awaiting trade
 * approval, whatever route or script started the workflow. Medusa allows one
 * handler per hook: completeCartWorkflow's `validate` is registered in
 * complete-cart-points.ts, which calls this first.
 */
export async function refuseInactiveCustomerCart(
  container: Container,
  customerId: string | null | undefined,
  email?: string | null
) {
  if (customerId) {
    const svc = container.resolve(TRADE_ACCOUNTS_MODULE) as TradeAccountsModuleService
    const refusal = await svc.accessRefusal(customerId)
    if (refusal) throw new MedusaError(MedusaError.Types.NOT_ALLOWED, refusal.message)
  }
  if (email) await refuseBlockedEmail(container, email, customerId ?? null)
}

/**
 * The guest-checkout path: Medusa attaches a guest cart to a customer found
 * by email, or to a new guest customer with that email (a guest record is a
 * different customer from the blocked registered one). Any live customer with
 * this email (any case) whose account is inactive or pending makes the cart
 * refused, so a blocked trade applicant cannot order by skipping the login.
 * A registered customer's cart is judged by its own account only.
 */
export async function refuseBlockedEmail(container: Container, email: string, customerId: string | null) {
  const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION) as Knex
  if (customerId) {
    // a signed-in (registered) customer's own cart: its account was checked above
    const own = await pg.from("customer").where("id", customerId).first("has_account")
    if (own?.has_account) return
  }
  const blocked = await pg
    .from("customer as c")
    .join("trade_account as t", function () {
      this.on("t.customer_id", "=", "c.id").andOnNull("t.deleted_at")
    })
    .whereRaw("lower(c.email) = lower(?)", [email.trim()])
    .whereNull("c.deleted_at")
    .where("t.active", false)
    .first("c.id")
  if (blocked) throw new MedusaError(MedusaError.Types.NOT_ALLOWED, BLOCKED_EMAIL_MESSAGE)
}

type CartLike = { customer_id?: string | null; customer?: { id?: string } | null; email?: string | null }

createCartWorkflow.hooks.validate(async ({ input }, { container }) => {
  const c = input as CartLike
  await refuseInactiveCustomerCart(container, c.customer_id, c.email)
})

addToCartWorkflow.hooks.validate(async ({ cart }, { container }) => {
  const c = cart as CartLike
  await refuseInactiveCustomerCart(container, c?.customer?.id ?? c?.customer_id, c?.email)
})

/** A guest cart given the email (or customer) of a blocked account. */
updateCartWorkflow.hooks.validate(async ({ input }, { container }) => {
  const c = input as CartLike
  await refuseInactiveCustomerCart(container, c.customer_id, c.email)
})

transferCartCustomerWorkflow.hooks.validate(async ({ input }, { container }) => {
  await refuseInactiveCustomerCart(container, (input as { customer_id?: string }).customer_id)
})
