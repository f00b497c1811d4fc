import {
  ContainerRegistrationKeys,
  Modules,
} from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { throwIfProblems } from "../../customer-categories/validate"
import {
  planStoreChanges,
  type StoreChange,
  type StorePair,
  type StorePlan,
  storeLinkPair,
  storesOfCustomers,
} from "../plan"

/** Validates store changes (unknown ids, at least one store each) into a plan. */
export const prepareStoreChangesStep = createStep(
  "cbo-prepare-store-changes",
  async (input: { changes: StoreChange[] }, { container }) => {
    const { problems, plan } = await planStoreChanges(container, input.changes)
    throwIfProblems(problems)
    return new StepResponse(plan)
  }
)

/** Creates and dismisses customer↔sales channel links; compensation reverses both. */
export const applyStoreLinksStep = createStep(
  "cbo-apply-store-links",
  async (plan: Pick<StorePlan, "create" | "dismiss">, { container }) => {
    const link = container.resolve(ContainerRegistrationKeys.LINK)
    if (plan.create.length) await link.create(plan.create.map(storeLinkPair))
    if (plan.dismiss.length) await link.dismiss(plan.dismiss.map(storeLinkPair))
    return new StepResponse(undefined, plan)
  },
  async (plan, { container }) => {
    if (!plan) return
    const link = container.resolve(ContainerRegistrationKeys.LINK)
    if (plan.create.length) await link.dismiss(plan.create.map(storeLinkPair))
    if (plan.dismiss.length) await link.create(plan.dismiss.map(storeLinkPair))
  }
)

/**
 * Plans "all stores" for customers that have none yet (new customers).
 * Idempotent: a customer that already has a store is left alone.
 */
export const planDefaultStoresStep = createStep(
  "cbo-plan-default-stores",
  async (input: { customer_ids: string[] }, { container }) => {
    const current = await storesOfCustomers(container, input.customer_ids)
    const salesChannels = container.resolve(Modules.SALES_CHANNEL)
    const all = (await salesChannels.listSalesChannels({}, { select: ["id"] })).map(
      (s) => s.id
    )
    const create: StorePair[] = []
    const changes: StorePlan["changes"] = []
    for (const [customer_id, stores] of current) {
      if (stores.length || !all.length) continue
      create.push(...all.map((sales_channel_id) => ({ customer_id, sales_channel_id })))
      changes.push({ customer_id, added: all, removed: [] })
    }
    return new StepResponse({ create, dismiss: [] as StorePair[], changes })
  }
)
